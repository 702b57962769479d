package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cec.portal.api.i18n.Languages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The API's {@code "language"} member: en or es, else a field error; absent, the caller's language. */
class RequestApiLanguageTest {

    private static HttpServletRequest caller(java.util.Locale language) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getAttribute(Languages.ATTRIBUTE)).thenReturn(language);
        return request;
    }

    private static JsonObject body(String json) throws JsonBodies.Refused {
        return (JsonObject) JsonBodies.read(json);
    }

    @Test
    void theMemberChoosesTheLanguage() throws Exception {
        Map<String, String> errors = new LinkedHashMap<>();
        assertEquals(
                Languages.SPANISH,
                RequestApi.language(body("{\"language\":\"es\"}"), caller(Languages.ENGLISH), errors));
        assertEquals(
                Languages.ENGLISH,
                RequestApi.language(body("{\"language\":\"en\"}"), caller(Languages.SPANISH), errors));
        assertEquals(Map.of(), errors);
    }

    @Test
    void withoutItTheCallersLanguageCounts() throws Exception {
        Map<String, String> errors = new LinkedHashMap<>();
        assertEquals(Languages.SPANISH, RequestApi.language(body("{}"), caller(Languages.SPANISH), errors));
        assertEquals(
                Languages.SPANISH, RequestApi.language(body("{\"language\":null}"), caller(Languages.SPANISH), errors));
        assertEquals(Map.of(), errors);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"fr\"", "\"ES\"", "\"es-MX\"", "\"\"", "1", "true", "[\"es\"]"})
    void anyOtherValueIsAFieldError(String value) throws Exception {
        Map<String, String> errors = new LinkedHashMap<>();
        assertEquals(
                Languages.ENGLISH,
                RequestApi.language(body("{\"language\":" + value + "}"), caller(Languages.ENGLISH), errors));
        assertTrue(errors.get("language").contains("\"en\" or \"es\""), errors.toString());
    }
}
