package org.cec.portal.directory.internal.pages;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.directory.Licence;

/**
 * The directory's JSON, streamed with a Jakarta JSON Processing generator (Parsson): a contractor as
 * {@code GET /api/v1/contractors} answers it (see {@code docs/directory-api.md}), error answers and
 * event payloads. One generator factory for the bundle.
 */
final class ContractorJson {

    private static final JsonGeneratorFactory GENERATORS =
            JsonProvider.provider().createGeneratorFactory(Map.of());

    private ContractorJson() {}

    static JsonGenerator generator(Writer out) {
        return GENERATORS.createGenerator(out);
    }

    /** A generator writing UTF-8 to {@code out}. */
    static JsonGenerator generator(OutputStream out) {
        return GENERATORS.createGenerator(out, StandardCharsets.UTF_8);
    }

    /** The distance in miles rounded to one decimal, as pages and the API show it. */
    static BigDecimal miles(double distance) {
        return BigDecimal.valueOf(Math.round(distance * 10), 1);
    }

    /** Writes one match as an object of the array being written. */
    static void write(JsonGenerator g, ContractorMatch match, Map<String, String> serviceLabels, LocalDate today) {
        Contractor c = match.contractor();
        g.writeStartObject();
        g.write("id", c.id());
        g.write("businessName", c.businessName());
        g.writeStartArray("services");
        for (String id : sorted(c.services())) {
            String label = serviceLabels.get(id);
            if (label != null) { // a service no plugin offers now is neither searchable nor shown
                g.writeStartObject().write("id", id).write("label", label).writeEnd();
            }
        }
        g.writeEnd();
        g.write("distanceMiles", miles(match.distanceMiles()));
        g.write("source", c.source());
        g.write("sourceLabel", match.sourceLabel());
        g.write("demo", Contractor.DEMO.equals(c.source()));
        g.writeStartArray("certifications");
        for (Certification cert : c.certifications()) {
            g.writeStartObject()
                    .write("name", cert.name())
                    .write("number", cert.number())
                    .write("issuer", cert.issuer());
            date(g, "expires", cert.expires());
            g.write("valid", cert.validOn(today)).writeEnd();
        }
        g.writeEnd();
        g.writeStartArray("licences");
        for (Licence l : c.licences()) {
            g.writeStartObject()
                    .write("state", l.state())
                    .write("number", l.number())
                    .write("class", l.licenceClass());
            date(g, "expires", l.expires());
            g.write("valid", l.validOn(today)).writeEnd();
        }
        g.writeEnd();
        date(g, "insuredUntil", c.insuredUntil());
        g.write("insured", c.insuredOn(today));
        g.writeStartArray("languages");
        for (String language : sorted(c.languages())) {
            g.write(language);
        }
        g.writeEnd();
        if (OutboundLink.target(c).isPresent()) {
            g.write("website", OutboundLink.path(c.id()));
        } else {
            g.writeNull("website");
        }
        text(g, "phone", c.phone());
        text(g, "email", c.email());
        g.write("profile", ProfilePage.path(c.id()));
        g.writeEnd();
    }

    /** The values sorted, so answers do not depend on a set's order. */
    static java.util.Collection<String> sorted(java.util.Set<String> values) {
        if (values.size() < 2) {
            return values;
        }
        String[] a = values.toArray(new String[0]);
        java.util.Arrays.sort(a);
        return java.util.Arrays.asList(a);
    }

    private static void date(JsonGenerator g, String name, LocalDate date) {
        if (date == null) {
            g.writeNull(name);
        } else {
            g.write(name, date.toString());
        }
    }

    private static void text(JsonGenerator g, String name, String value) {
        if (value.isEmpty()) {
            g.writeNull(name);
        } else {
            g.write(name, value);
        }
    }

    /** {@code {"error": message, "field": field}}; field is null for the query as a whole. */
    static String error(String message, String field) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject().write("error", message);
            if (field == null) {
                g.writeNull("field");
            } else {
                g.write("field", field);
            }
            g.writeEnd();
        }
        return out.toString();
    }

    /** The payload of {@code directory.outbound-click}: {@code {"contractor": id}}. */
    static String click(String contractorId) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = generator(out)) {
            g.writeStartObject().write("contractor", contractorId).writeEnd();
        }
        return out.toString();
    }

    /** The language tag labels are given in. */
    static String tag(Locale locale) {
        return locale.getLanguage();
    }
}
