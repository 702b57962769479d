package org.cec.portal.privacy.internal.pages;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.privacy.internal.data.PersonalData.Area;
import org.cec.portal.privacy.internal.data.PersonalData.Erased;

/**
 * The template values of what a person's link shows: each area in plain words (a text of the module's
 * messages, {@code privacy.area.<area>}, or the area's own name for a partner's area without one), each
 * record with what it is and when it was recorded, and its fields as the module gave them.
 */
public final class DataModel {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The kinds of the event log's records: {@code events.<event type>}. */
    private static final String EVENT_KIND = "events.";

    private final Messages messages;
    private final Locale locale;

    public DataModel(Messages messages, Locale locale) {
        this.messages = messages;
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
                rm.put("kind", kindLabel(r.kind()));
                rm.put("recordedAt", when(r.recordedAt()));
                List<Map<String, String>> fields = new ArrayList<>();
                // the SDK's record keeps no order of its fields: alphabetical, the same on every visit
                new java.util.TreeMap<>(r.fields())
                        .forEach((name, value) -> fields.add(Map.of("name", name, "value", value)));
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

    /** What a record is, in plain words; an event of the log by its type; a partner's kind as it is. */
    String kindLabel(String kind) {
        return messages.find(locale, "privacy.kind." + kind)
                .orElseGet(() -> kind.startsWith(EVENT_KIND)
                        ? messages.get(locale, "privacy.kind.event", kind.substring(EVENT_KIND.length()))
                        : kind);
    }

    String areaLabel(String area) {
        return messages.find(locale, "privacy.area." + area).orElse(area);
    }

    static String when(Instant at) {
        return WHEN.format(at);
    }
}
