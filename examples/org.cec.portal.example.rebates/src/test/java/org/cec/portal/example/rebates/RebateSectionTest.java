package org.cec.portal.example.rebates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.cec.portal.api.intake.FieldKind;
import org.cec.portal.api.intake.FieldOption;
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
        assertEquals("%rebates.title", section.title());
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

    @Test
    void everyTextIsAKeyWithEnglishAndSpanish() throws IOException {
        List<String> texts = new ArrayList<>(List.of(section.title(), section.description()));
        for (IntakeField f : section.fields()) {
            texts.add(f.label());
            texts.add(f.hint());
            f.options().stream().map(FieldOption::label).forEach(texts::add);
        }
        texts.addAll(section.validate(answers("other", "")).values());
        texts.addAll(section.validate(answers("sce", "Some Power Co")).values());
        texts.addAll(section.validate(answers("other", "Power <b>Co</b>")).values());
        Properties en = load("messages/messages.properties");
        Properties es = load("messages/messages_es.properties");
        assertEquals(en.stringPropertyNames(), es.stringPropertyNames(), "both languages have every text");
        texts.removeIf(String::isEmpty); // a question without a hint
        for (String text : texts) {
            assertTrue(text.startsWith("%") && en.containsKey(text.substring(1)), "a known key: " + text);
        }
    }

    private static Properties load(String path) throws IOException {
        Properties p = new Properties();
        try (InputStream in = RebateSectionTest.class.getClassLoader().getResourceAsStream(path)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Map<String, String> answers(String utility, String other) {
        return Map.of("household-size", "3", "income-range", "50k-100k", "utility", utility, "utility-other", other);
    }
}
