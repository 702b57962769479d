package org.cec.portal.directory.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.Licence;

/**
 * What makes a contractor valid for the directory, the same for staff's stored contractors and a
 * partner source's: each problem is a short reason naming the field, never its value (the reasons may
 * be logged, and a contractor's details are not logged).
 */
public final class ContractorRules {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_WEBSITE = 2000;
    public static final int MAX_PHONE = 40;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_SERVED_ZIPS = 5000;
    public static final int MAX_ITEMS = 50;
    public static final double MAX_RADIUS = 1000;

    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern ZIP = Pattern.compile("\\d{5}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern STATE = Pattern.compile("[A-Z]{2}");
    private static final Pattern WEBSITE = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"]{1,64}@[^\\s@<>\"]{1,253}");

    private ContractorRules() {}

    /** Whether {@code id} is a valid own id (1 to 64 of {@code a-z 0-9 -}). */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The problems of {@code c} with its own id {@code ownId}; empty when it is valid. */
    public static List<String> problems(Contractor c, String ownId) {
        List<String> p = new ArrayList<>();
        if (!validId(ownId)) {
            p.add("id: 1 to 64 of a-z, 0-9 and -");
        }
        text(p, "business_name", c.businessName(), MAX_NAME);
        if (c.businessName().isBlank()) {
            p.add("business_name: missing");
        }
        if (c.services().isEmpty()) {
            p.add("services: at least one service id");
        } else if (c.services().size() > MAX_ITEMS
                || !c.services().stream()
                        .allMatch(s -> s != null && SERVICE.matcher(s).matches())) {
            p.add("services: service ids (a-z, 0-9, -)");
        }
        if (c.baseZip() != null && !ZIP.matcher(c.baseZip()).matches()) {
            p.add("base_zip: five digits");
        }
        if (c.serviceRadiusMiles() > MAX_RADIUS) {
            p.add("service_radius_miles: at most " + (int) MAX_RADIUS);
        }
        if (c.servedZips().size() > MAX_SERVED_ZIPS
                || !c.servedZips().stream()
                        .allMatch(z -> z != null && ZIP.matcher(z).matches())) {
            p.add("served_zips: five-digit ZIP codes, at most " + MAX_SERVED_ZIPS);
        }
        if (c.languages().size() > MAX_ITEMS
                || !c.languages().stream()
                        .allMatch(l -> l != null && LANGUAGE.matcher(l).matches())) {
            p.add("languages: ISO 639-1 codes such as en, es");
        }
        if (c.certifications().size() > MAX_ITEMS) {
            p.add("certifications: at most " + MAX_ITEMS);
        }
        for (Certification cert : c.certifications()) {
            text(p, "certifications", cert.name(), MAX_NAME);
            text(p, "certifications", cert.number(), MAX_NAME);
            text(p, "certifications", cert.issuer(), MAX_NAME);
        }
        if (c.licences().size() > MAX_ITEMS) {
            p.add("licences: at most " + MAX_ITEMS);
        }
        for (Licence l : c.licences()) {
            if (!STATE.matcher(l.state()).matches()) {
                p.add("licences: a two-letter state code");
            }
            text(p, "licences", l.number(), MAX_NAME);
            text(p, "licences", l.licenceClass(), MAX_NAME);
        }
        text(p, "description", c.description(), MAX_DESCRIPTION);
        text(p, "website", c.website(), MAX_WEBSITE);
        if (!c.website().isEmpty() && !WEBSITE.matcher(c.website()).matches()) {
            p.add("website: an absolute http or https address");
        }
        text(p, "phone", c.phone(), MAX_PHONE);
        text(p, "email", c.email(), MAX_EMAIL);
        if (!c.email().isEmpty() && !EMAIL.matcher(c.email()).matches()) {
            p.add("email: an email address");
        }
        return List.copyOf(new java.util.LinkedHashSet<>(p));
    }

    private static void text(List<String> problems, String field, String value, int max) {
        if (value.length() > max) {
            problems.add(field + ": at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isISOControl(ch) && !(field.equals("description") && (ch == '\n' || ch == '\r'))) {
                problems.add(field + ": no control characters");
                return;
            }
        }
    }
}
