package org.cec.portal.intake.internal;

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
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
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
    private final transient Validator validator;
    private final transient RequestService requests;
    private final transient IntakeGuard guard;

    @Activate
    public RequestApi(
            @Reference Catalog catalog,
            @Reference IntakeRules rules,
            @Reference RequestService requests,
            @Reference IntakeGuard guard) {
        this.catalog = catalog;
        this.validator = rules.validator();
        this.requests = requests;
        this.guard = guard;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            json(response, 415, "{\"error\":\"Send the request as application/json.\"}");
            return;
        }
        Optional<String> body = readBody(request, guard.maxBody());
        if (body.isEmpty()) {
            json(response, 400, "{\"error\":\"The body is not UTF-8 text, or too large.\"}");
            return;
        }
        Object parsed;
        try {
            parsed = Json.parse(body.get());
        } catch (Json.ParseException e) {
            json(response, 400, "{\"error\":" + Json.quote("The body is not valid JSON: " + e.getMessage()) + "}");
            return;
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            json(response, 400, "{\"error\":\"The body must be a JSON object.\"}");
            return;
        }
        Catalog.Snapshot snapshot = catalog.snapshot();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : object.entrySet()) {
            String key = (String) e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "name", "email", "phone", "city", "zip", "address", "contactMethod" -> {
                    if (v instanceof String s) {
                        values.put(key, List.of(s));
                    } else if (v != Json.NULL) {
                        errors.put(key, "Must be a string.");
                    }
                }
                case "services" -> {
                    if (v instanceof List<?> list && list.stream().allMatch(x -> x instanceof String)) {
                        values.put(
                                "services", list.stream().map(x -> (String) x).toList());
                    } else {
                        errors.put("services", "Must be an array of service ids.");
                    }
                }
                case "ageConfirmed" -> {
                    if (v == Boolean.TRUE) {
                        values.put("age", List.of(Validator.AGE_ADULT));
                    } else if (v == Boolean.FALSE) {
                        values.put("age", List.of(Validator.AGE_CHILD));
                    } else {
                        errors.put("ageConfirmed", "Must be true or false.");
                    }
                }
                case "sections" -> {
                    if (v instanceof Map<?, ?> sections) {
                        sectionAnswers(sections, values, errors);
                    } else {
                        errors.put("sections", "Must be an object: section id to an object of answers.");
                    }
                }
                case "website" -> values.put(FormState.HONEYPOT, List.of(String.valueOf(v)));
                default -> errors.put(key, "Unknown field.");
            }
        }
        FormState state = FormState.read(Input.of(values), snapshot, errors);
        Optional<Validator.ValidRequest> valid = validator.request(state, snapshot, errors);
        if (errors.remove("age") != null && !errors.containsKey("ageConfirmed")) {
            errors.put("ageConfirmed", "Required: true when the person confirms being 13 or older.");
        }
        if (errors.isEmpty() && Validator.AGE_CHILD.equals(state.get("age"))) {
            // Under 13: nothing is stored.
            errors.put("ageConfirmed", "We can only take requests from people 13 or older.");
        }
        if (!errors.isEmpty() || valid.isEmpty()) {
            json(response, 400, errorsJson(errors));
            return;
        }
        String reference = state.honeypot().isEmpty()
                ? requests.submit(valid.get(), "api")
                : new References(new java.security.SecureRandom()).next();
        response.setHeader("Location", PATH + "/" + reference);
        json(response, 201, "{\"reference\":" + Json.quote(reference) + "}");
    }

    private static void sectionAnswers(
            Map<?, ?> sections, Map<String, List<String>> values, Map<String, String> errors) {
        for (Map.Entry<?, ?> s : sections.entrySet()) {
            if (!(s.getValue() instanceof Map<?, ?> answers)) {
                errors.put("sections." + s.getKey(), "Must be an object of answers.");
                continue;
            }
            for (Map.Entry<?, ?> a : answers.entrySet()) {
                Object v = a.getValue();
                String text = v instanceof String str ? str : v instanceof Json.Num n ? n.text() : null;
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
    static String errorsJson(Map<String, String> errors) {
        StringJoiner list = new StringJoiner(",", "[", "]");
        errors.forEach((field, message) -> {
            String name = field.startsWith("section.") ? "sections." + field.substring("section.".length()) : field;
            list.add("{\"field\":" + Json.quote(name) + ",\"message\":" + Json.quote(message) + "}");
        });
        return "{\"errors\":" + list + "}";
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

    static void json(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
