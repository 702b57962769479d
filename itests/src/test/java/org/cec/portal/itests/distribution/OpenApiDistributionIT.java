package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.cec.portal.itests.support.OpenApiContract;
import org.cec.portal.itests.support.TestBundles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, acceptance 3: {@code GET /api/v1/openapi.json} is an OpenAPI 3.1 document of every public
 * JSON API that a real OpenAPI parser (swagger-parser) reads without a problem, and each endpoint's
 * live answers, good and bad, match the schemas it documents (the leads API's 200 is checked where a
 * real lead exists, in {@link DirectoryChoiceDistributionIT}). A plugin that describes its API with
 * the {@code CEC-OpenAPI} header is in the document while it runs.
 */
class OpenApiDistributionIT {

    private static final String REQUEST = "{\"name\":\"Ada Lovelace\",\"email\":\"ada.openapi@example.com\","
            + "\"phone\":\"(415) 555-0134\",\"city\":\"San Francisco\",\"zip\":\"94110\",\"address\":\"1 Main St\","
            + "\"contactMethod\":\"phone\",\"services\":[\"heat-pump\"],\"ageConfirmed\":true,\"language\":\"es\"}";

    private static RunningPortal portal;
    private static String document;
    private static OpenApiContract contract;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start("openapi");
        HttpResponse<String> answer = portal.get("/api/v1/openapi.json");
        assertEquals(200, answer.statusCode(), answer.body());
        document = answer.body();
        contract = new OpenApiContract(document);
        // the directory answers once its index is read
        await(() -> portal.get("/api/v1/contractors?zip=94110").statusCode() == 200, "the directory's API");
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void theDocumentIsOpenApi31AndARealParserReadsItWithoutAProblem() throws Exception {
        HttpResponse<String> answer = portal.get("/api/v1/openapi.json");
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(
                "*", answer.headers().firstValue("Access-Control-Allow-Origin").orElse(""), "any site may read it");
        OpenAPI api = parse(answer.body());
        assertEquals("3.1.0", api.getOpenapi());
        assertEquals(
                Set.of("/api/v1/requests", "/api/v1/services", "/api/v1/contractors", "/api/v1/leads/{token}"),
                api.getPaths().keySet());
        api.getPaths().forEach((path, item) -> {
            for (Operation op : item.readOperations()) {
                assertTrue(op.getOperationId() != null && !op.getOperationId().isBlank(), path + " has an operationId");
                assertTrue(
                        op.getResponses().keySet().stream().anyMatch(s -> s.startsWith("2")),
                        path + " documents its success");
                assertTrue(op.getResponses().containsKey("400"), path + " documents its 400");
            }
        });
        assertTrue(api.getComponents().getSchemas().containsKey("Error"), "the portal's shared Error");
    }

    @Test
    void theServiceCatalogsAnswersMatchTheirSchemas() throws Exception {
        for (String query : List.of("?language=en", "?language=es", "")) {
            contract.assertAnswer("GET", "/api/v1/services", portal.get("/api/v1/services" + query));
        }
        HttpResponse<String> bad = portal.get("/api/v1/services?language=fr");
        assertEquals(400, bad.statusCode());
        contract.assertAnswer("GET", "/api/v1/services", bad);
    }

    @Test
    void theDirectorysAnswersMatchTheirSchemas() throws Exception {
        HttpResponse<String> found = portal.get("/api/v1/contractors?zip=94110&radius=50&page-lang=es");
        assertEquals(200, found.statusCode());
        assertTrue(found.body().contains("\"contractors\":[{"), "some contractors to check: " + found.body());
        contract.assertAnswer("GET", "/api/v1/contractors", found);
        contract.assertAnswer(
                "GET", "/api/v1/contractors", portal.get("/api/v1/contractors?zip=94110&service=heat-pump&page=2"));
        for (String query : List.of("zip=00000", "zip=94110&radius=500", "", "zip=94110&page=0")) {
            HttpResponse<String> bad = portal.get("/api/v1/contractors?" + query);
            assertEquals(400, bad.statusCode(), query + " -> " + bad.body());
            contract.assertAnswer("GET", "/api/v1/contractors", bad);
        }
    }

    @Test
    void aRequestThatTheSchemaAllowsIsStoredAndEveryAnswerMatches() throws Exception {
        contract.assertRequestBody("POST", "/api/v1/requests", REQUEST);
        HttpResponse<String> created = post("/api/v1/requests", "application/json", REQUEST);
        assertEquals(201, created.statusCode(), created.body());
        contract.assertAnswer("POST", "/api/v1/requests", created);

        HttpResponse<String> fieldErrors = post("/api/v1/requests", "application/json", "{\"name\":\"Ann\"}");
        assertEquals(400, fieldErrors.statusCode());
        contract.assertAnswer("POST", "/api/v1/requests", fieldErrors);
        HttpResponse<String> malformed = post("/api/v1/requests", "application/json", "{\"name\":");
        assertEquals(400, malformed.statusCode());
        contract.assertAnswer("POST", "/api/v1/requests", malformed);
        HttpResponse<String> notJson = post("/api/v1/requests", "text/plain", REQUEST);
        assertEquals(415, notJson.statusCode());
        contract.assertAnswer("POST", "/api/v1/requests", notJson);
    }

    @Test
    void whatTheSchemaRefusesThePortalRefusesToo() throws Exception {
        for (String body : List.of(
                REQUEST.replace("\"ageConfirmed\":true", "\"ageConfirmed\":\"yes\""),
                REQUEST.replace("{\"name\"", "{\"nickname\":\"Ada\",\"name\""),
                REQUEST.replace("\"services\":[\"heat-pump\"]", "\"services\":[]"),
                REQUEST.replace("\"contactMethod\":\"phone\"", "\"contactMethod\":\"pigeon\""))) {
            assertFalse(
                    contract.requestBodyProblems("POST", "/api/v1/requests", body)
                            .isEmpty(),
                    body);
            HttpResponse<String> refused = post("/api/v1/requests", "application/json", body);
            assertEquals(400, refused.statusCode(), body + " -> " + refused.body());
            contract.assertAnswer("POST", "/api/v1/requests", refused);
        }
    }

    @Test
    void theLeadsApisRefusalsMatchTheirSchemas() throws Exception {
        HttpResponse<String> forged =
                post("/api/v1/leads/" + "C".repeat(43), "application/json", "{\"status\":\"declined\"}");
        assertEquals(404, forged.statusCode());
        contract.assertAnswer("POST", "/api/v1/leads/{token}", forged);
        HttpResponse<String> malformed = post("/api/v1/leads/abc", "application/json", "{\"status\":\"declined\"}");
        assertEquals(404, malformed.statusCode());
        contract.assertAnswer("POST", "/api/v1/leads/{token}", malformed);
    }

    @Test
    void aPluginsApiIsDescribedWhileItRunsAndACollisionKeepsTheFirst() throws Exception {
        String fragment =
                """
                {"paths":{
                   "/api/v1/workshops":{"get":{"operationId":"listWorkshops","summary":"Upcoming workshops",
                     "responses":{"200":{"description":"The workshops.","content":{"application/json":{"schema":
                        {"type":"array","items":{"$ref":"#/components/schemas/Workshop"}}}}},
                       "400":{"description":"Bad query.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}}}}},
                   "/api/v1/services":{"get":{"operationId":"stolen","responses":{"200":{"description":"not ours"}}}}},
                 "components":{"schemas":{"Workshop":{"type":"object","required":["title"],
                   "properties":{"title":{"type":"string"}}}}}}
                """;
        byte[] jar = TestBundles.bundle("org.example.partner.workshopsapi")
                .header("CEC-OpenAPI", "openapi/workshops.json")
                .text("openapi/workshops.json", fragment)
                .build();
        Path deployed = portal.deploy("workshops-api.jar", jar);
        String withPlugin =
                await(() -> portal.get("/api/v1/openapi.json").body(), d -> d.contains("/api/v1/workshops"));
        OpenAPI api = parse(withPlugin);
        assertTrue(api.getComponents().getSchemas().containsKey("Workshop"));
        assertEquals(
                "listServices",
                api.getPaths().get("/api/v1/services").getGet().getOperationId(),
                "the intake module keeps its path");
        await(
                () -> portal.output(),
                log -> log.contains("org.example.partner.workshopsapi describes /api/v1/services, which "
                        + "org.cec.portal.intake describes already: left out"));

        Files.delete(deployed);
        await(() -> portal.get("/api/v1/openapi.json").body(), d -> !d.contains("/api/v1/workshops"));
    }

    private static OpenAPI parse(String text) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertEquals(List.of(), result.getMessages(), "the parser's messages");
        return result.getOpenAPI();
    }

    private static HttpResponse<String> post(String path, String type, String body) throws Exception {
        return portal.send(HttpRequest.newBuilder(portal.uri(path))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    @FunctionalInterface
    private interface Read {
        String read() throws Exception;
    }

    private static void await(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static String await(Read read, Predicate<String> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String value = read.read();
        while (!until.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 30 s; last: " + value);
            }
            Thread.sleep(100);
            value = read.read();
        }
        return value;
    }
}
