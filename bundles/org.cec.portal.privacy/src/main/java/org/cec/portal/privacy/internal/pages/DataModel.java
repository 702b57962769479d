package org.cec.portal.privacy.internal.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.privacy.internal.data.PersonalData.Area;
import org.cec.portal.privacy.internal.data.PersonalData.Erased;

/**
 * The template values of what a person's link shows: each area, each record's kind and each field in
 * plain words of the page's language, from the texts of the bundle that holds the area ({@code
 * privacy.area.<area>}, {@code privacy.kind.<kind>}, {@code privacy.field.<field>}, {@code
 * privacy.value.<field>.<value>} for values that are codes), else from this module's texts, else as the
 * provider gave them. Field and value names become keys lower-cased, with dashes for anything but
 * letters and digits ({@code "contact method"} is {@code privacy.field.contact-method}).
 */
public final class DataModel {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The kinds of the event log's records: {@code events.<event type>}. */
    private static final String EVENT_KIND = "events.";

    /** A value short and plain enough to be a code that the area's texts may translate. */
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,40}");

    private static final Pattern NOT_KEY = Pattern.compile("[^a-z0-9]+");

    private final Messages messages;
    private final Function<String, Optional<Messages>> areaTexts;
    private final Locale locale;

    /**
     * @param messages this module's texts
     * @param areaTexts the texts of the bundle holding an area, while it is there
     */
    public DataModel(Messages messages, Function<String, Optional<Messages>> areaTexts, Locale locale) {
        this.messages = messages;
        // asked once per area and page, not once per field
        Map<String, Optional<Messages>> known = new java.util.HashMap<>();
        this.areaTexts = area -> known.computeIfAbsent(area, areaTexts);
        this.locale = locale;
    }

    public List<Map<String, Object>> areas(List<Area> areas) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Area a : areas) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("label", areaLabel(a.name()));
            m.put("failed", a.failed());
            List<Map<String, Object>> records = new ArrayList<>();
            for (PersonalRecord r : a.records()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("kind", kindLabel(a.name(), r.kind()));
                rm.put("recordedAt", when(r.recordedAt()));
                List<Map<String, String>> fields = new ArrayList<>();
                // the SDK's record keeps no order of its fields: alphabetical, the same on every visit
                new TreeMap<>(r.fields())
                        .forEach((name, value) -> fields.add(Map.of(
                                "name", fieldLabel(a.name(), name), "value", valueLabel(a.name(), name, value))));
                rm.put("fields", fields);
                records.add(rm);
            }
            m.put("records", records);
            out.add(m);
        }
        return out;
    }

    public List<Map<String, Object>> erased(List<Erased> erased) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Erased e : erased) {
            out.add(Map.of("label", areaLabel(e.area()), "records", e.records(), "failed", e.failed()));
        }
        return out;
    }

    /** What a record is, in plain words; an event of the log by its type; else the kind as it is. */
    String kindLabel(String area, String kind) {
        return text(area, "privacy.kind." + kind)
                .orElseGet(() -> kind.startsWith(EVENT_KIND)
                        ? messages.get(locale, "privacy.kind.event", kind.substring(EVENT_KIND.length()))
                        : kind);
    }

    String areaLabel(String area) {
        return text(area, "privacy.area." + area).orElse(area);
    }

    String fieldLabel(String area, String field) {
        return text(area, "privacy.field." + key(field)).orElse(field);
    }

    String valueLabel(String area, String field, String value) {
        if (!CODE.matcher(value).matches()) {
            return value;
        }
        return text(area, "privacy.value." + key(field) + "." + key(value)).orElse(value);
    }

    private Optional<String> text(String area, String key) {
        return areaTexts.apply(area).flatMap(t -> t.find(locale, key)).or(() -> messages.find(locale, key));
    }

    static String key(String name) {
        String lower = NOT_KEY.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
        int start = lower.startsWith("-") ? 1 : 0;
        int end = lower.endsWith("-") && lower.length() > start ? lower.length() - 1 : lower.length();
        return lower.substring(start, Math.max(start, end));
    }

    static String when(Instant at) {
        return WHEN.format(at);
    }
}
