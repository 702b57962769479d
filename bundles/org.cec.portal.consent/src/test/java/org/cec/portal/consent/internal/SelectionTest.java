package org.cec.portal.consent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.consent.Purpose;
import org.junit.jupiter.api.Test;

class SelectionTest {

    private static Optional<Selection> form(Map<String, String> params) {
        return Selection.fromForm(params::get);
    }

    @Test
    void acceptAllGrantsEveryPurposeWhateverTheCheckboxesSay() {
        Selection s = form(Map.of("choice", "accept-all")).orElseThrow();
        assertEquals(new Selection("accept-all", true, true, true), s);
    }

    @Test
    void rejectAllRefusesEveryOptionalPurposeEvenWithCheckedBoxes() {
        Selection s = form(Map.of("choice", "reject-all", "analytics", "yes", "marketing", "yes"))
                .orElseThrow();
        assertEquals(new Selection("reject-all", false, false, false), s);
        assertTrue(s.grants(Purpose.NECESSARY), "necessary is always granted");
    }

    @Test
    void customTakesExactlyTheCheckedBoxes() {
        Selection s = form(Map.of("choice", "custom", "analytics", "yes", "marketing", ""))
                .orElseThrow();
        assertEquals(new Selection("custom", false, true, false), s);
    }

    @Test
    void aMissingOrUnknownChoiceIsNoSelection() {
        assertEquals(Optional.empty(), form(Map.of()));
        assertEquals(Optional.empty(), form(Map.of("choice", "accept-everything", "analytics", "yes")));
    }
}
