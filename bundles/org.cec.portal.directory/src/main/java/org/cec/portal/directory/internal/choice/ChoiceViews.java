package org.cec.portal.directory.internal.choice;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.i18n.Languages;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the choose pages show of a contractor and of a lead, as template rows of plain values: names,
 * service labels and language names in the visitor's language, the profile link.
 */
@Component(service = ChoiceViews.class)
public final class ChoiceViews {

    private final ServiceLabels labels;

    @Activate
    public ChoiceViews(@Reference ServiceLabels labels) {
        this.labels = labels;
    }

    /** One row per match: id, name, distance, services, languages, source, profile link. */
    List<Map<String, Object>> matches(List<ContractorMatch> matches, Locale locale) {
        List<Map<String, Object>> rows = new ArrayList<>(matches.size());
        int n = 0;
        for (ContractorMatch m : matches) {
            Contractor c = m.contractor();
            rows.add(Map.of(
                    "id", c.id(),
                    "anchor", "c-" + n++,
                    "name", c.businessName(),
                    "miles", Math.round(m.distanceMiles() * 10) / 10.0,
                    "services", String.join(", ", new TreeSet<>(labels.labels(List.copyOf(c.services()), locale))),
                    "languages", languages(c, locale),
                    "source", m.sourceLabel(),
                    "profile", profile(c.id())));
        }
        return rows;
    }

    /** The labels of these service ids, joined. */
    String services(List<String> ids, Locale locale) {
        return String.join(", ", labels.labels(ids, locale));
    }

    /** The service ids with their labels, for checkboxes. */
    List<Map<String, Object>> serviceOptions(List<String> ids, Locale locale) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : ids) {
            out.add(Map.of("id", id, "label", labels.label(id, locale)));
        }
        return out;
    }

    /** The profile page of a contractor (ids may contain a colon: it is encoded). */
    static String profile(String id) {
        return "/contractors/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static String languages(Contractor c, Locale locale) {
        TreeSet<String> names = new TreeSet<>();
        for (String tag : c.languages()) {
            Locale spoken = Languages.ofTag(tag).orElse(Locale.forLanguageTag(tag));
            String name = spoken.getDisplayLanguage(locale);
            names.add(name.isEmpty() ? tag : name);
        }
        return String.join(", ", names);
    }
}
