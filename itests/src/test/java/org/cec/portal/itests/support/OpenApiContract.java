package org.cec.portal.itests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The portal's OpenAPI document ({@code /api/v1/openapi.json}) as a contract the live answers are
 * held to: each answer's status must be documented for its operation, and its body must match the
 * schema documented for that status (JSON Schema 2020-12, which OpenAPI 3.1 uses, checked by
 * networknt's json-schema-validator).
 */
public final class OpenApiContract {

    /** Where the schemas think the document is; it is never fetched from there. */
    private static final String LOCATION = "https://portal.invalid/api/v1/openapi.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode document;
    private final JsonSchemaFactory schemas;

    public OpenApiContract(String documentText) throws IOException {
        this.document = MAPPER.readTree(documentText);
        this.schemas = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(LOCATION, documentText))));
    }

    /** The document as parsed. */
    public JsonNode document() {
        return document;
    }

    /**
     * Fails unless {@code response} (of {@code method} on the documented path {@code template}, such as
     * {@code /api/v1/leads/{token}}) has a documented status and a body its schema allows.
     */
    public void assertAnswer(String method, String template, HttpResponse<String> response) throws IOException {
        JsonNode operation = operation(method, template);
        JsonNode answer = operation.path("responses").path(Integer.toString(response.statusCode()));
        assertFalse(
                answer.isMissingNode(),
                method + " " + template + " answered " + response.statusCode() + ", which the document does not name: "
                        + response.body());
        JsonNode schema = answer.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return;
        }
        assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "a JSON answer: " + response.headers().map());
        assertValid(schema, MAPPER.readTree(response.body()), method + " " + template + " " + response.statusCode());
    }

    /** Fails unless {@code body} is a request body the operation's schema allows. */
    public void assertRequestBody(String method, String template, String body) throws IOException {
        JsonNode schema = operation(method, template)
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        assertFalse(schema.isMissingNode(), method + " " + template + " documents no JSON body");
        assertValid(schema, MAPPER.readTree(body), method + " " + template + " request body");
    }

    /** The messages of {@code body} against the operation's request schema (empty: it is valid). */
    public Set<ValidationMessage> requestBodyProblems(String method, String template, String body) throws IOException {
        JsonNode schema = operation(method, template)
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        return schemas.getSchema(absolute(schema.deepCopy())).validate(MAPPER.readTree(body));
    }

    private JsonNode operation(String method, String template) {
        JsonNode operation = document.at(JsonPointer.compile(
                "/paths/" + template.replace("~", "~0").replace("/", "~1") + "/" + method.toLowerCase(Locale.ROOT)));
        assertFalse(operation.isMissingNode(), "the document describes " + method + " " + template);
        return operation;
    }

    private void assertValid(JsonNode schema, JsonNode value, String what) {
        Set<ValidationMessage> problems =
                schemas.getSchema(absolute(schema.deepCopy())).validate(value);
        assertEquals(Set.of(), problems, what + " does not match its schema: " + value);
    }

    /** The schema with its references into the document made absolute, so that they resolve there. */
    private static JsonNode absolute(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#/")) {
                object.put("$ref", LOCATION + ref.asText());
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                absolute(fields.next().getValue());
            }
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::absolute);
        }
        return node;
    }
}
