package org.cec.portal.example.rebates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cec.portal.api.intake.FieldKind;
import org.cec.portal.api.intake.IntakeField;
import org.junit.jupiter.api.Test;

class RebateSectionTest {

    private final RebateSection section = new RebateSection();

    @Test
    void asksHouseholdSizeIncomeAndUtility() {
        List<IntakeField> fields = section.fields();
        assertEquals(
                List.of("household-size", "income-range", "utility", "utility-other"),
                fields.stream().map(IntakeField::id).toList());
        IntakeField size = fields.get(0);
        assertEquals(FieldKind.NUMBER, size.kind());
        assertEquals(1, size.min());
        assertEquals(20, size.max());
        assertEquals(FieldKind.CHOICE, fields.get(1).kind());
        assertEquals(FieldKind.CHOICE, fields.get(2).kind());
        assertTrue(!fields.get(3).required(), "the utility's name is asked only for another utility");
        assertEquals("rebates", section.id());
        assertEquals("Rebate eligibility", section.title());
    }

    @Test
    void aListedUtilityNeedsNoName() {
        assertEquals(Map.of(), section.validate(answers("pge", "")));
        assertEquals(Map.of(), section.validate(answers("unknown", "")));
    }

    @Test
    void anotherUtilityNeedsItsName() {
        assertTrue(section.validate(answers("other", "")).containsKey("utility-other"));
        assertEquals(Map.of(), section.validate(answers("other", "Alameda Municipal Power")));
    }

    @Test
    void aNameWithAListedUtilityOrOddCharactersIsRefused() {
        assertTrue(section.validate(answers("sce", "Some Power Co")).containsKey("utility-other"));
        assertTrue(section.validate(answers("other", "Power <b>Co</b>")).containsKey("utility-other"));
    }

    private static Map<String, String> answers(String utility, String other) {
        return Map.of("household-size", "3", "income-range", "50k-100k", "utility", utility, "utility-other", other);
    }
}
