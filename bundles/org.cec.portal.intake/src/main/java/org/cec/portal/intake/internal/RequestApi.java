package org.cec.portal.intake.internal;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/v1/requests}: the request form as JSON, for partner sites with a form of their own
 * (see docs/intake-api.md). Same rules, rate limit and storage as the form; 201 with the reference, or
 * 400 with the field errors. CORS is answered by {@link IntakeGuard}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(RequestApi.PATH)
public final class RequestApi extends HttpServlet {

    static final String PATH = "/api/v1/requests";
    private static final long serialVersionUID = 1L;

    private final transient Catalog catalog;
    private final transient IntakeRules rules;
    private final transient RequestSubmissions requests;
    private final transient IntakeGuard guard;

    @Activate
    public RequestApi(
            @Reference Catalog catalog,
            @Reference IntakeRules rules,
            @Reference RequestSubmissions requests,
            @Reference IntakeGuard guard) {
        this.catalog = catalog;
        this.rules = rules;
        this.requests = requests;
        this.guard = guard;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            json(response, 415, JsonBodies.error("Send the request as application/json."));
            return;
        }
        Optional<String> body = readBody(request, guard.maxBody());
        if (body.isEmpty()) {
            json(response, 400, JsonBodies.error("The body is not UTF-8 text, or too large."));
            return;
        }
        JsonValue parsed;
        try {
            parsed = JsonBodies.read(body.get());
        } catch (JsonBodies.Refused e) {
            json(response, 400, JsonBodies.error("The body is not valid JSON: " + e.getMessage()));
            return;
        }
        if (!(parsed instanceof JsonObject object)) {
            json(response, 400, JsonBodies.error("The body must be a JSON object."));
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Catalog.Snapshot snapshot = catalog.snapshot(language(object, request, errors));
        Validator validator = rules.validator(snapshot.texts());
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : object.entrySet()) {
            String key = e.getKey();
            JsonValue v = e.getValue();
            switch (key) {
                case "name", "email", "phone", "city", "zip", "address", "contactMethod" -> {
                    if (v instanceof JsonString s) {
                        values.put(key, List.of(s.getString()));
                    } else if (v.getValueType() != JsonValue.ValueType.NULL) {
                        errors.put(key, "Must be a string.");
                    }
                }
                case "services" -> {
                    if (v instanceof JsonArray list && list.stream().allMatch(x -> x instanceof JsonString)) {
                        values.put(
                                "services",
                                list.getValuesAs(JsonString.class).stream()
                                        .map(JsonString::getString)
                                        .toList());
                    } else {
                        errors.put("services", "Must be an array of service ids.");
                    }
                }
                case "ageConfirmed" -> {
                    if (v.getValueType() == JsonValue.ValueType.TRUE) {
                        values.put("age", List.of(Validator.AGE_ADULT));
                    } else if (v.getValueType() == JsonValue.ValueType.FALSE) {
                        values.put("age", List.of(Validator.AGE_CHILD));
                    } else {
                        errors.put("ageConfirmed", "Must be true or false.");
                    }
                }
                case "sections" -> {
                    if (v instanceof JsonObject sections) {
                        sectionAnswers(sections, values, errors);
                    } else {
                        errors.put("sections", "Must be an object: section id to an object of answers.");
                    }
                }
                case "language" -> {
                    // read first, by language()
                }
                case "website" -> values.put(
                        FormState.HONEYPOT, List.of(v instanceof JsonString s ? s.getString() : v.toString()));
                default -> errors.put(key, "Unknown field.");
            }
        }
        FormState state = FormState.read(Input.of(values), snapshot, errors);
        Optional<Validator.ValidRequest> valid = validator.request(state, snapshot, errors);
        if (errors.remove("age") != null && !errors.containsKey("ageConfirmed")) {
            errors.put("ageConfirmed", snapshot.texts().get("intake.error.api.age"));
        }
        if (errors.isEmpty() && Validator.AGE_CHILD.equals(state.get("age"))) {
            // Under 13: nothing is stored.
            errors.put("ageConfirmed", snapshot.texts().get("intake.error.api.under13"));
        }
        if (!errors.isEmpty() || valid.isEmpty()) {
            json(response, 400, errorsJson(errors));
            return;
        }
        String reference = state.honeypot().isEmpty()
                ? requests.submit(valid.get(), "api")
                : new References(new java.security.SecureRandom()).next();
        response.setHeader("Location", PATH + "/" + reference);
        json(response, 201, JsonBodies.object().add("reference", reference).build());
    }

    /**
     * The language of the request: its {@code "language"} member ({@code "en"} or {@code "es"}), else
     * the caller's ({@code Accept-Language}, the {@code cec_lang} cookie, {@code ?lang=}). Any other
     * value is an error; the messages are then in the caller's language.
     */
    static Locale language(JsonObject object, HttpServletRequest request, Map<String, String> errors) {
        JsonValue value = object.get("language");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Languages.of(request);
        }
        Optional<Locale> chosen = value instanceof JsonString s ? Languages.ofTag(s.getString()) : Optional.empty();
        if (chosen.isEmpty()) {
            errors.put("language", "Must be \"en\" or \"es\".");
            return Languages.of(request);
        }
        return chosen.get();
    }

    private static void sectionAnswers(
            JsonObject sections, Map<String, List<String>> values, Map<String, String> errors) {
        for (Map.Entry<String, JsonValue> s : sections.entrySet()) {
            if (!(s.getValue() instanceof JsonObject answers)) {
                errors.put("sections." + s.getKey(), "Must be an object of answers.");
                continue;
            }
            for (Map.Entry<String, JsonValue> a : answers.entrySet()) {
                JsonValue v = a.getValue();
                String text = v instanceof JsonString str
                        ? str.getString()
                        : v instanceof JsonNumber n ? n.bigDecimalValue().toPlainString() : null;
                if (text == null) {
                    errors.put("sections." + s.getKey() + "." + a.getKey(), "Must be a string or a number.");
                } else {
                    values.put(
                            FormState.answerName(
                                    s.getKey().toString(), a.getKey().toString()),
                            List.of(text));
                }
            }
        }
    }

    /** The field errors as JSON; form names {@code section.x.y} become {@code sections.x.y}. */
    static JsonObject errorsJson(Map<String, String> errors) {
        JsonArrayBuilder list = JsonBodies.array();
        errors.forEach((field, message) -> {
            String name = field.startsWith("section.") ? "sections." + field.substring("section.".length()) : field;
            list.add(JsonBodies.object().add("field", name).add("message", message));
        });
        return JsonBodies.object().add("errors", list).build();
    }

    /** The body as UTF-8 text, or empty when it is larger than {@code max} bytes or not UTF-8. */
    static Optional<String> readBody(HttpServletRequest request, int max) throws IOException {
        InputStream in = request.getInputStream();
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static void json(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
