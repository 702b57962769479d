package org.cec.portal.consent.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.consent.Purpose;

/**
 * The optional purposes and the tracking signals as the banner and the choices page show them. Their
 * names and explanations are texts of this bundle's messages: {@code consent.purpose.<id>.label} and
 * {@code .description}, {@code consent.signal.<kind>}.
 */
final class Purposes {

    private Purposes() {}

    /** The optional purposes for a form, each checked as {@code selection} says (none when it is null). */
    static List<Map<String, Object>> optional(Selection selection) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Purpose p : List.of(Purpose.PREFERENCES, Purpose.ANALYTICS, Purpose.MARKETING)) {
            Map<String, Object> item = new HashMap<>();
            item.put("id", p.id());
            item.put("checked", selection != null && selection.grants(p));
            list.add(item);
        }
        return list;
    }

    /**
     * Which signals were sent, as the suffix of the message key naming them: {@code gpc}, {@code
     * dnt}, {@code both}, or empty when none.
     */
    static String signalKind(Signals signals) {
        if (signals.gpc() && signals.dnt()) {
            return "both";
        }
        return signals.gpc() ? "gpc" : signals.dnt() ? "dnt" : "";
    }
}
