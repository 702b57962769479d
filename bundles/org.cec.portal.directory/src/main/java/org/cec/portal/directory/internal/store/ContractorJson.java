package org.cec.portal.directory.internal.store;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.Licence;

/**
 * The JSON documents of the directory's storage (Jakarta JSON Processing): a contractor's collections
 * in the {@code details} column, and the payload of {@code directory.contractor-changed}.
 */
final class ContractorJson {

    private static final JsonProvider JSON = JsonProvider.provider();

    private ContractorJson() {}

    /** The collections of a contractor: services, served ZIPs and languages sorted, credentials in order. */
    record Details(
            Set<String> services,
            Set<String> servedZips,
            Set<String> languages,
            List<Certification> certifications,
            List<Licence> licences) {}

    static String details(Contractor c) {
        JsonArrayBuilder certs = JSON.createArrayBuilder();
        for (Certification cert : c.certifications()) {
            certs.add(JSON.createObjectBuilder()
                    .add("name", cert.name())
                    .add("number", cert.number())
                    .add("issuer", cert.issuer())
                    .add("expires", date(cert.expires())));
        }
        JsonArrayBuilder licences = JSON.createArrayBuilder();
        for (Licence l : c.licences()) {
            licences.add(JSON.createObjectBuilder()
                    .add("state", l.state())
                    .add("number", l.number())
                    .add("class", l.licenceClass())
                    .add("expires", date(l.expires())));
        }
        return JSON.createObjectBuilder()
                .add("services", sorted(c.services()))
                .add("servedZips", sorted(c.servedZips()))
                .add("languages", sorted(c.languages()))
                .add("certifications", certs)
                .add("licences", licences)
                .build()
                .toString();
    }

    static Details readDetails(String json) {
        JsonObject o;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            o = reader.readObject();
        }
        List<Certification> certs = new ArrayList<>();
        for (JsonValue v : array(o, "certifications")) {
            JsonObject c = v.asJsonObject();
            certs.add(new Certification(
                    c.getString("name"), c.getString("number", ""), c.getString("issuer", ""), date(c, "expires")));
        }
        List<Licence> licences = new ArrayList<>();
        for (JsonValue v : array(o, "licences")) {
            JsonObject l = v.asJsonObject();
            licences.add(new Licence(
                    l.getString("state"), l.getString("number"), l.getString("class", ""), date(l, "expires")));
        }
        return new Details(strings(o, "services"), strings(o, "servedZips"), strings(o, "languages"), certs, licences);
    }

    /** {@code {"id","source","active"}} of {@code directory.contractor-changed}. */
    static String changed(String id, String source, boolean active) {
        JsonObjectBuilder b =
                JSON.createObjectBuilder().add("id", id).add("source", source).add("active", active);
        return b.build().toString();
    }

    private static JsonArrayBuilder sorted(Collection<String> values) {
        JsonArrayBuilder b = JSON.createArrayBuilder();
        new TreeSet<>(values).forEach(b::add);
        return b;
    }

    private static String date(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static LocalDate date(JsonObject o, String key) {
        String s = o.getString(key, "");
        return s.isEmpty() ? null : LocalDate.parse(s);
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonArray a = o.getJsonArray(key);
        return a == null ? JsonValue.EMPTY_JSON_ARRAY : a;
    }

    private static Set<String> strings(JsonObject o, String key) {
        Set<String> out = new TreeSet<>();
        for (JsonValue v : array(o, key)) {
            out.add(((JsonString) v).getString());
        }
        return out;
    }
}
