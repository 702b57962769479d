package org.cec.portal.directory.internal.pages;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.directory.Licence;

/** A contractor as the templates read it: plain maps and lists, texts already in the visitor's language. */
final class ContractorModel {

    private ContractorModel() {}

    /** A search result's line: name, profile link, distance, services, valid certifications, languages, source. */
    static Map<String, Object> match(
            ContractorMatch match, Map<String, String> serviceLabels, Locale locale, LocalDate today) {
        Contractor c = match.contractor();
        Map<String, Object> m = common(c, serviceLabels, locale);
        m.put("distance", ContractorJson.miles(match.distanceMiles()));
        m.put("sourceLabel", match.sourceLabel());
        List<String> valid = new ArrayList<>();
        for (Certification cert : c.certifications()) {
            if (cert.validOn(today)) {
                valid.add(cert.name());
            }
        }
        m.put("certifications", valid);
        return m;
    }

    /** Everything the profile shows. */
    static Map<String, Object> profile(
            Contractor c, Map<String, String> serviceLabels, Locale locale, LocalDate today, String sourceLabel) {
        Map<String, Object> m = common(c, serviceLabels, locale);
        m.put("sourceLabel", sourceLabel);
        m.put("description", c.description());
        List<Map<String, Object>> certs = new ArrayList<>();
        for (Certification cert : c.certifications()) {
            Map<String, Object> x = new HashMap<>();
            x.put("name", cert.name());
            x.put("number", cert.number());
            x.put("issuer", cert.issuer());
            put(x, "expires", cert.expires());
            x.put("valid", cert.validOn(today));
            certs.add(x);
        }
        m.put("certifications", certs);
        List<Map<String, Object>> licences = new ArrayList<>();
        for (Licence l : c.licences()) {
            Map<String, Object> x = new HashMap<>();
            x.put("state", l.state());
            x.put("number", l.number());
            x.put("licenceClass", l.licenceClass());
            put(x, "expires", l.expires());
            x.put("valid", l.validOn(today));
            licences.add(x);
        }
        m.put("licences", licences);
        m.put("insurance", c.insuredUntil() == null ? "none" : c.insuredOn(today) ? "verified" : "expired");
        put(m, "insuredUntil", c.insuredUntil());
        m.put("baseZip", c.baseZip() == null ? "" : c.baseZip());
        m.put("radius", c.serviceRadiusMiles());
        m.put("servedZips", ContractorJson.sorted(c.servedZips()));
        put(m, "lastVerified", c.lastVerified());
        m.put("phone", c.phone());
        m.put("phoneLink", telLink(c.phone()));
        m.put("email", c.email());
        return m;
    }

    private static Map<String, Object> common(Contractor c, Map<String, String> serviceLabels, Locale locale) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", c.id());
        m.put("name", c.businessName());
        m.put("profile", ProfilePage.path(c.id()));
        List<String> services = new ArrayList<>(c.services().size());
        for (String id : serviceLabels.keySet()) {
            if (c.services().contains(id)) {
                services.add(serviceLabels.get(id));
            }
        }
        // a service that no plugin offers now has no name in the visitor's language and cannot be searched for
        m.put("services", services);
        m.put("languages", SpokenLanguages.names(c.languages(), locale));
        m.put("demo", Contractor.DEMO.equals(c.source()));
        m.put("website", OutboundLink.target(c).isPresent() ? OutboundLink.path(c.id()) : "");
        return m;
    }

    private static void put(Map<String, Object> m, String name, LocalDate date) {
        if (date != null) {
            m.put(name, date);
        }
    }

    /** A {@code tel:} link of the phone's digits (and a leading +), or empty when it has too few digits. */
    static String telLink(String phone) {
        StringBuilder sb = new StringBuilder("tel:");
        for (int i = 0; i < phone.length(); i++) {
            char ch = phone.charAt(i);
            if ((ch >= '0' && ch <= '9') || (ch == '+' && sb.length() == 4)) {
                sb.append(ch);
            }
        }
        return sb.length() < 4 + 7 ? "" : sb.toString();
    }
}
