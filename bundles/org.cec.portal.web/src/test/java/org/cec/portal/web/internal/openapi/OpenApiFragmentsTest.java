package org.cec.portal.web.internal.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiFragmentsTest {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final JsonObject BASE = json(
            """
            {"openapi":"3.1.0","info":{"title":"T","version":"0"},"paths":{},
             "components":{"schemas":{"Error":{"type":"object"}}}}
            """);

    private final List<String> problems = new ArrayList<>();

    @Test
    void pathsAndComponentsOfEveryFragmentAreAddedToTheBase() {
        Map<String, JsonObject> fragments = new LinkedHashMap<>();
        fragments.put("a", json("{\"paths\":{\"/api/v1/a\":{\"get\":{}}},\"components\":{\"schemas\":{\"A\":{}}}}"));
        fragments.put(
                "b", json("{\"paths\":{\"/api/v1/b\":{\"post\":{}}},\"components\":{\"parameters\":{\"P\":{}}}}"));
        JsonObject doc = OpenApiFragments.merge(BASE, fragments, "1.2.3", problems::add);
        assertEquals(List.of(), problems);
        assertEquals("1.2.3", doc.getJsonObject("info").getString("version"));
        assertEquals("T", doc.getJsonObject("info").getString("title"));
        assertEquals(
                List.of("/api/v1/a", "/api/v1/b"),
                List.copyOf(doc.getJsonObject("paths").keySet()));
        JsonObject components = doc.getJsonObject("components");
        assertEquals(
                List.of("Error", "A"),
                List.copyOf(components.getJsonObject("schemas").keySet()));
        assertTrue(components.getJsonObject("parameters").containsKey("P"));
    }

    @Test
    void theFirstBundleKeepsAPathOrComponentBothDescribe() {
        Map<String, JsonObject> fragments = new LinkedHashMap<>();
        fragments.put("a", json("{\"paths\":{\"/api/v1/x\":{\"get\":{\"summary\":\"a\"}}}}"));
        fragments.put(
                "b",
                json("{\"paths\":{\"/api/v1/x\":{\"get\":{\"summary\":\"b\"}}},"
                        + "\"components\":{\"schemas\":{\"Error\":{\"type\":\"string\"}}}}"));
        JsonObject doc = OpenApiFragments.merge(BASE, fragments, "1", problems::add);
        assertEquals(
                "a",
                doc.getJsonObject("paths")
                        .getJsonObject("/api/v1/x")
                        .getJsonObject("get")
                        .getString("summary"));
        assertEquals(
                "object",
                doc.getJsonObject("components")
                        .getJsonObject("schemas")
                        .getJsonObject("Error")
                        .getString("type"));
        assertEquals(
                List.of(
                        "b describes /api/v1/x, which a describes already: left out",
                        "b defines components.schemas.Error, which the portal defines already: left out"),
                problems);
    }

    @Test
    void onlyPublicApisAndRealComponentMapsAreTaken() {
        JsonObject doc = OpenApiFragments.merge(
                BASE,
                Map.of(
                        "c",
                        json("{\"paths\":{\"/partner/page\":{},\"/api/v1/ok\":{},\"/api/v1/bad\":3},"
                                + "\"components\":{\"widgets\":{}}}")),
                "1",
                problems::add);
        assertEquals(
                List.of("/api/v1/ok"), List.copyOf(doc.getJsonObject("paths").keySet()));
        assertFalse(doc.getJsonObject("components").containsKey("widgets"));
        assertEquals(3, problems.size(), problems.toString());
    }

    private static JsonObject json(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
