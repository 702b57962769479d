package org.cec.portal.directory.internal.choice;

import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/v1/leads/<token>}: a contractor's own system reports what came of a lead, as JSON
 * {@code {"status":"contacted","date":"2026-12-01","servicesPerformed":["solar-pv"],"note":"..."}}
 * (only {@code status} required). The token in the path is the contractor's only credential, as on the
 * lead page. Answers 200 with the stored report, 400 with the field and a reason for bad input, 404 for
 * an unknown token, 415 for a body that is not JSON; nothing is stored unless the answer is 200. See
 * {@code docs/directory-api.md}, "Lead outcomes".
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardServletPattern(LeadApi.PATTERN)
public final class LeadApi extends HttpServlet {

    static final String PATTERN = "/api/v1/leads/*";
    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 4096;
    private static final Set<String> MEMBERS = Set.of("status", "date", "servicesPerformed", "note");

    private final transient LeadReports leads;
    private final transient Messages messages;
    private final transient JsonProvider json = JsonProvider.provider();
    /** The body is 4 KB at most; Parsson's limits and the refusal of duplicate members all the same. */
    private final transient JsonReaderFactory readers = json.createReaderFactory(Map.of(
            "org.eclipse.parsson.maxDepth",
            4,
            "org.eclipse.parsson.maxBigDecimalLength",
            100,
            "org.eclipse.parsson.maxBigIntegerScale",
            100,
            "org.eclipse.parsson.rejectDuplicateKeys",
            true,
            JsonConfig.KEY_STRATEGY,
            JsonConfig.KeyStrategy.NONE));

    @Activate
    public LeadApi(@Reference LeadReports leads, @Reference Translations translations, BundleContext context) {
        this(leads, translations.of(context.getBundle()));
    }

    LeadApi(LeadReports leads, Messages messages) {
        this.leads = leads;
        this.messages = messages;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = Tokens.fromPathInfo(request.getPathInfo());
        if (leads.lead(token).isEmpty()) {
            answer(response, 404, error(null, "directory.lead.api.unknown"));
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            answer(response, 415, error(null, "directory.lead.api.type"));
            return;
        }
        Optional<String> body = body(request);
        if (body.isEmpty()) {
            answer(response, 400, error(null, "directory.lead.api.body"));
            return;
        }
        JsonObject object;
        try (JsonReader reader = readers.createReader(new StringReader(body.get()))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject o)) {
                answer(response, 400, error(null, "directory.lead.api.object"));
                return;
            }
            object = o;
        } catch (JsonException | IllegalStateException e) {
            answer(response, 400, error(null, "directory.lead.api.json"));
            return;
        }
        for (String member : object.keySet()) {
            if (!MEMBERS.contains(member)) {
                answer(response, 400, error(member, "directory.lead.api.member"));
                return;
            }
        }
        String status = string(object, "status");
        String date = string(object, "date");
        String note = string(object, "note");
        if ((object.containsKey("status") && status == null)
                || (object.containsKey("date") && date == null)
                || (object.containsKey("note") && note == null)) {
            String field = object.containsKey("status") && status == null
                    ? "status"
                    : object.containsKey("date") && date == null ? "date" : "note";
            answer(response, 400, error(field, "directory.lead.api.string"));
            return;
        }
        Optional<List<String>> services = services(object.get("servicesPerformed"));
        if (services.isEmpty()) {
            answer(response, 400, error("servicesPerformed", "directory.lead.error.services"));
            return;
        }
        Optional<LeadReport.Checked> checked = leads.report(token, status, date, services.get(), note);
        if (checked.isEmpty()) {
            answer(response, 404, error(null, "directory.lead.api.unknown"));
            return;
        }
        if (!checked.get().errors().isEmpty()) {
            Map.Entry<String, String> first =
                    checked.get().errors().entrySet().iterator().next();
            answer(response, 400, error(first.getKey(), first.getValue()));
            return;
        }
        LeadReport r = checked.get().report().get();
        var performed = json.createArrayBuilder();
        r.servicesPerformed().forEach(performed::add);
        answer(
                response,
                200,
                json.createObjectBuilder()
                        .add("status", r.status().value())
                        .add("date", r.date().toString())
                        .add("servicesPerformed", performed)
                        .build());
    }

    private static String string(JsonObject object, String member) {
        JsonValue v = object.get(member);
        return v instanceof JsonString s ? s.getString() : null;
    }

    /** The services: absent or null (none), an array of strings, or one string; empty for anything else. */
    private static Optional<List<String>> services(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.of(List.of());
        }
        if (v instanceof JsonString s) {
            return Optional.of(List.of(s.getString()));
        }
        if (v instanceof JsonArray array && array.size() <= LeadReport.MAX_SERVICES * 2) {
            List<String> out = new ArrayList<>();
            for (JsonValue item : array) {
                if (!(item instanceof JsonString s)) {
                    return Optional.empty();
                }
                out.add(s.getString());
            }
            return Optional.of(out);
        }
        return Optional.empty();
    }

    private JsonObject error(String field, String key) {
        var b = json.createObjectBuilder();
        if (field != null) {
            b.add("field", field);
        }
        return b.add("error", messages.get(Locale.ENGLISH, key)).build();
    }

    private static Optional<String> body(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
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

    private static void answer(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
