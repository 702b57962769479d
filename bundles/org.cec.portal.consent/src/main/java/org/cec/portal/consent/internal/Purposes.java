package org.cec.portal.consent.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.consent.Purpose;

/** How the purposes are named and explained to visitors. */
final class Purposes {

    private Purposes() {}

    static String label(Purpose purpose) {
        return switch (purpose) {
            case NECESSARY -> "Necessary";
            case PREFERENCES -> "Preferences";
            case ANALYTICS -> "Analytics";
            case MARKETING -> "Marketing";
        };
    }

    static String description(Purpose purpose) {
        return switch (purpose) {
            case NECESSARY -> "Keeps forms secure and remembers this choice. Always on.";
            case PREFERENCES -> "Remember what you typed into forms, and keep a request you have not sent yet,"
                    + " so you need not type it again.";
            case ANALYTICS -> "Count which pages are used, measured by this portal itself, never by a third party.";
            case MARKETING -> "Our newsletter and other commercial email, and whether such email is opened.";
        };
    }

    /** The optional purposes for a form, each checked as {@code selection} says (none when it is null). */
    static List<Map<String, Object>> optional(Selection selection) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Purpose p : List.of(Purpose.PREFERENCES, Purpose.ANALYTICS, Purpose.MARKETING)) {
            Map<String, Object> item = new HashMap<>();
            item.put("id", p.id());
            item.put("label", label(p));
            item.put("description", description(p));
            item.put("checked", selection != null && selection.grants(p));
            list.add(item);
        }
        return list;
    }

    /** Names of the signals sent, for a sentence: "Global Privacy Control", "Do Not Track", or both. */
    static String signalNames(Signals signals) {
        if (signals.gpc() && signals.dnt()) {
            return "Global Privacy Control and Do Not Track";
        }
        return signals.gpc() ? "Global Privacy Control" : signals.dnt() ? "Do Not Track" : "";
    }
}
