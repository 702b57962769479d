package org.cec.portal.directory.internal.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.Licence;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.geo.ZipCentroids;

/**
 * A stored contractor as named text fields, both ways: the columns of the CSV import and export and the
 * fields of the console's form have the same names. Reading checks every field and names what is wrong
 * with each; nothing is thrown for bad input.
 */
final class ContractorFields {

    static final String ID = "id";
    static final String BUSINESS_NAME = "business_name";
    static final String SERVICES = "services";
    static final String BASE_ZIP = "base_zip";
    static final String LATITUDE = "latitude";
    static final String LONGITUDE = "longitude";
    static final String RADIUS = "service_radius_miles";
    static final String SERVED_ZIPS = "served_zips";
    static final String CERTIFICATIONS = "certifications";
    static final String LICENCES = "licences";
    static final String INSURED_UNTIL = "insured_until";
    static final String LANGUAGES = "languages";
    static final String DESCRIPTION = "description";
    static final String WEBSITE = "website";
    static final String PHONE = "phone";
    static final String EMAIL = "email";
    static final String ACTIVE = "active";
    static final String LAST_VERIFIED = "last_verified";

    /** The columns in the order of the CSV header. */
    static final List<String> COLUMNS = List.of(
            ID,
            BUSINESS_NAME,
            SERVICES,
            BASE_ZIP,
            LATITUDE,
            LONGITUDE,
            RADIUS,
            SERVED_ZIPS,
            CERTIFICATIONS,
            LICENCES,
            INSURED_UNTIL,
            LANGUAGES,
            DESCRIPTION,
            WEBSITE,
            PHONE,
            EMAIL,
            ACTIVE,
            LAST_VERIFIED);

    static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern ZIP = Pattern.compile("\\d{5}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");
    private static final Pattern PHONE_CHARS = Pattern.compile("[0-9 +().\\-]{7,30}");
    private static final Pattern EMAIL_PATTERN =
            Pattern.compile("[^@\\s\"<>]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)+");
    /** Multi-valued cells: {@code ;} in CSV, also a line break in the form's text areas. */
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[;\\r\\n]+");

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_TEXT = 200;
    static final int MAX_RADIUS = 500;

    /** What a field is checked against: the registered service ids, the known ZIPs, ids that may not be written. */
    record Checks(Set<String> services, ZipCentroids zips, Predicate<String> readOnlyId) {}

    /** What is wrong with one field: a text of the page ({@code console.contractors.reason.*}). */
    record Problem(String field, Text reason) {
        /** The problem of {@code field}: the reason {@code console.contractors.reason.<reason>} with {@code args}. */
        static Problem of(String field, String reason, Object... args) {
            return new Problem(field, Text.of(REASON + reason, args));
        }
    }

    /** The keys of the reasons. */
    static final String REASON = "console.contractors.reason.";

    private ContractorFields() {}

    /**
     * The contractor the fields describe, source {@link Contractor#BUILT_IN}, with {@code id} when the
     * {@code id} field is empty; or null, with at least one entry in {@code problems}.
     */
    static Contractor read(Map<String, String> fields, String newId, Checks checks, List<Problem> problems) {
        int before = problems.size();
        String id = value(fields, ID);
        if (id.isEmpty()) {
            id = newId;
        } else if (!ID_PATTERN.matcher(id).matches()) {
            problems.add(Problem.of(ID, "id.format"));
        } else if (checks.readOnlyId().test(id)) {
            problems.add(Problem.of(ID, "id.readOnly"));
        }
        String name = value(fields, BUSINESS_NAME);
        if (name.isEmpty()) {
            problems.add(Problem.of(BUSINESS_NAME, "required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(Problem.of(BUSINESS_NAME, "tooLong", MAX_NAME));
        }
        Set<String> services = new LinkedHashSet<>();
        for (String s : list(value(fields, SERVICES))) {
            if (checks.services().contains(s)) {
                services.add(s);
            } else {
                problems.add(Problem.of(SERVICES, "service.unknown", shorten(s)));
            }
        }
        if (services.isEmpty() && problems.stream().noneMatch(p -> p.field().equals(SERVICES))) {
            problems.add(Problem.of(SERVICES, "service.none"));
        }
        String baseZip = value(fields, BASE_ZIP);
        GeoPoint base = null;
        Double latitude = number(fields, LATITUDE, -90, 90, problems);
        Double longitude = number(fields, LONGITUDE, -180, 180, problems);
        if (!baseZip.isEmpty()) {
            if (!ZIP.matcher(baseZip).matches() || !checks.zips().exists(baseZip)) {
                problems.add(Problem.of(BASE_ZIP, "zip.unknown", shorten(baseZip)));
            } else {
                base = checks.zips().centroid(baseZip).orElse(null);
            }
        }
        if (latitude != null && longitude != null) {
            base = new GeoPoint(latitude, longitude);
        } else if (latitude != null || longitude != null) {
            problems.add(Problem.of(latitude == null ? LATITUDE : LONGITUDE, "location.together"));
        } else if (baseZip.isEmpty()) {
            problems.add(Problem.of(BASE_ZIP, "location.missing"));
        }
        Double radius = number(fields, RADIUS, 0, MAX_RADIUS, problems);
        Set<String> served = new LinkedHashSet<>();
        for (String z : list(value(fields, SERVED_ZIPS))) {
            if (ZIP.matcher(z).matches() && checks.zips().exists(z)) {
                served.add(z);
            } else {
                problems.add(Problem.of(SERVED_ZIPS, "zip.unknown", shorten(z)));
            }
        }
        List<Certification> certifications = certifications(value(fields, CERTIFICATIONS), problems);
        List<Licence> licences = licences(value(fields, LICENCES), problems);
        LocalDate insuredUntil = date(fields, INSURED_UNTIL, problems);
        Set<String> languages = new LinkedHashSet<>();
        for (String l : list(value(fields, LANGUAGES))) {
            String code = l.toLowerCase(Locale.ROOT);
            if (LANGUAGE.matcher(code).matches()) {
                languages.add(code);
            } else {
                problems.add(Problem.of(LANGUAGES, "language", shorten(l)));
            }
        }
        String description = value(fields, DESCRIPTION);
        if (description.length() > MAX_DESCRIPTION) {
            problems.add(Problem.of(DESCRIPTION, "tooLong", MAX_DESCRIPTION));
        }
        String website = value(fields, WEBSITE);
        if (!website.isEmpty() && !isWebsite(website)) {
            problems.add(Problem.of(WEBSITE, "website"));
        }
        String phone = value(fields, PHONE);
        if (!phone.isEmpty() && !PHONE_CHARS.matcher(phone).matches()) {
            problems.add(Problem.of(PHONE, "phone"));
        }
        String email = value(fields, EMAIL);
        if (!email.isEmpty()
                && (email.length() > MAX_TEXT || !EMAIL_PATTERN.matcher(email).matches())) {
            problems.add(Problem.of(EMAIL, "email"));
        }
        boolean active = true;
        String activeText = value(fields, ACTIVE).toLowerCase(Locale.ROOT);
        switch (activeText) {
            case "", "true", "yes", "1" -> active = true;
            case "false", "no", "0" -> active = false;
            default -> problems.add(Problem.of(ACTIVE, "active"));
        }
        LocalDate lastVerified = date(fields, LAST_VERIFIED, problems);
        if (problems.size() > before || base == null) {
            if (problems.size() == before) {
                problems.add(Problem.of(BASE_ZIP, "location.missing"));
            }
            return null;
        }
        return new Contractor(
                id,
                name,
                services,
                baseZip.isEmpty() ? null : baseZip,
                base,
                radius == null ? 0 : radius,
                served,
                certifications,
                licences,
                insuredUntil,
                languages,
                description,
                website,
                phone,
                email,
                active,
                Contractor.BUILT_IN,
                lastVerified);
    }

    /**
     * The fields of {@code c}, every column present; multi-valued ones joined with {@code separator}.
     * Latitude and longitude are left empty when the base is the centre of the base ZIP, so that a
     * changed ZIP moves the base.
     */
    static Map<String, String> write(Contractor c, String separator, ZipCentroids zips) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(ID, c.id());
        f.put(BUSINESS_NAME, c.businessName());
        f.put(SERVICES, c.services().stream().sorted().collect(Collectors.joining(separator)));
        f.put(BASE_ZIP, c.baseZip() == null ? "" : c.baseZip());
        boolean zipCentre = c.baseZip() != null
                && zips.centroid(c.baseZip()).map(c.base()::equals).orElse(false);
        f.put(LATITUDE, zipCentre ? "" : Double.toString(c.base().latitude()));
        f.put(LONGITUDE, zipCentre ? "" : Double.toString(c.base().longitude()));
        f.put(RADIUS, number(c.serviceRadiusMiles()));
        f.put(SERVED_ZIPS, c.servedZips().stream().sorted().collect(Collectors.joining(separator)));
        f.put(
                CERTIFICATIONS,
                c.certifications().stream()
                        .map(x -> String.join("|", x.name(), x.number(), x.issuer(), str(x.expires())))
                        .collect(Collectors.joining(separator)));
        f.put(
                LICENCES,
                c.licences().stream()
                        .map(x -> String.join("|", x.state(), x.number(), x.licenceClass(), str(x.expires())))
                        .collect(Collectors.joining(separator)));
        f.put(INSURED_UNTIL, str(c.insuredUntil()));
        f.put(LANGUAGES, c.languages().stream().sorted().collect(Collectors.joining(separator)));
        f.put(DESCRIPTION, c.description());
        f.put(WEBSITE, c.website());
        f.put(PHONE, c.phone());
        f.put(EMAIL, c.email());
        f.put(ACTIVE, Boolean.toString(c.active()));
        f.put(LAST_VERIFIED, str(c.lastVerified()));
        return f;
    }

    static boolean isWebsite(String website) {
        if (website.length() > 500) {
            return false;
        }
        try {
            URI uri = new URI(website);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http"))
                    && uri.getHost() != null
                    && !uri.getHost().isBlank()
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<Certification> certifications(String cell, List<Problem> problems) {
        List<Certification> out = new ArrayList<>();
        for (String item : list(cell)) {
            String[] p = item.split("\\|", -1);
            if (p.length != 4 || p[0].isBlank()) {
                problems.add(Problem.of(CERTIFICATIONS, "certification", shorten(item)));
                continue;
            }
            LocalDate expires = date(p[3].strip(), CERTIFICATIONS, problems);
            if (expires != null || p[3].isBlank()) {
                out.add(new Certification(p[0].strip(), p[1].strip(), p[2].strip(), expires));
            }
        }
        return out;
    }

    private static List<Licence> licences(String cell, List<Problem> problems) {
        List<Licence> out = new ArrayList<>();
        for (String item : list(cell)) {
            String[] p = item.split("\\|", -1);
            String state = p.length == 4 ? p[0].strip().toUpperCase(Locale.ROOT) : "";
            if (p.length != 4 || !STATE.matcher(state).matches() || p[1].isBlank()) {
                problems.add(Problem.of(LICENCES, "licence", shorten(item)));
                continue;
            }
            LocalDate expires = date(p[3].strip(), LICENCES, problems);
            if (expires != null || p[3].isBlank()) {
                out.add(new Licence(state, p[1].strip(), p[2].strip(), expires));
            }
        }
        return out;
    }

    private static LocalDate date(Map<String, String> fields, String field, List<Problem> problems) {
        return date(value(fields, field), field, problems);
    }

    private static LocalDate date(String text, String field, List<Problem> problems) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(Problem.of(field, "date", shorten(text)));
        return null;
    }

    private static Double number(Map<String, String> fields, String field, double min, double max, List<Problem> p) {
        String text = value(fields, field);
        if (text.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(text);
            if (d >= min && d <= max && text.length() <= 20 && !text.matches(".*[a-zA-Z].*")) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        p.add(Problem.of(field, "number", shorten(text), number(min), number(max)));
        return null;
    }

    static List<String> list(String cell) {
        List<String> out = new ArrayList<>();
        for (String s : LIST_SEPARATOR.split(cell)) {
            String v = s.strip();
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    /** A field's text, stripped; a leading apostrophe the export put before {@code = + - @} is removed. */
    static String value(Map<String, String> fields, String field) {
        String v = fields.get(field);
        if (v == null) {
            return "";
        }
        v = v.strip();
        if (v.length() > 1 && v.charAt(0) == '\'' && "=+-@".indexOf(v.charAt(1)) >= 0) {
            v = v.substring(1);
        }
        return v;
    }

    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** A value quoted in a reason, at most 40 characters. */
    static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
