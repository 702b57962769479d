package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.intake.FieldOption;
import org.cec.portal.api.intake.IntakeField;
import org.cec.portal.api.intake.IntakeSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorTest {

    private static final Validator VALIDATOR = new Validator(TestZips.ZIPS, TestMessages.english());

    static Catalog catalog(IntakeSection... sections) {
        Catalog c = TestMessages.newCatalog();
        BuiltInServiceTypes.ALL.forEach(c::addService);
        for (IntakeSection s : sections) {
            c.addSection(s);
        }
        return c;
    }

    static Map<String, List<String>> valid() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("name", List.of("Ada Lovelace"));
        m.put("email", List.of(" Ada@Example.COM "));
        m.put("phone", List.of("1 (415) 555-0134"));
        m.put("city", List.of("San Francisco"));
        m.put("zip", List.of("94110 1234"));
        m.put("age", List.of("13-or-older"));
        m.put("services", List.of("heat-pump", "heat-pump", "solar-pv"));
        return m;
    }

    @Test
    void aValidRequestIsNormalised() {
        Catalog.Snapshot snapshot = catalog().snapshot();
        Map<String, String> errors = new HashMap<>();
        FormState state = FormState.read(Input.of(valid()), snapshot, errors);
        Optional<Validator.ValidRequest> r = VALIDATOR.request(state, snapshot, errors);
        assertEquals(Map.of(), errors);
        assertEquals("ada@example.com", r.orElseThrow().email());
        assertEquals("+14155550134", r.get().phone());
        assertEquals("94110-1234", r.get().zip());
        assertEquals(
                List.of("heat-pump", "solar-pv"),
                r.get().services().stream().map(Catalog.ServiceInfo::id).toList());
        assertEquals("email", r.get().contactMethod());
    }

    @ParameterizedTest
    @CsvSource({
        "'(415) 555-0134', +14155550134",
        "'415.555.0134', +14155550134",
        "'+1 415 555 0134', +14155550134",
        "'14155550134', +14155550134",
        "'555-0134', ",
        "'(015) 555-0134', ",
        "'(415) 155-0134', ",
        "'+44 20 7946 0958', ",
        "'415-555-0134 ext 2', ",
        "'41555501345', "
    })
    void phoneNumbersAreNormalisedToE164OrRefused(String typed, String expected) {
        Map<String, String> errors = new HashMap<>();
        Optional<String> phone = VALIDATOR.phone(typed, errors);
        assertEquals(Optional.ofNullable(expected), phone);
        assertEquals(expected == null, errors.containsKey("phone"));
    }

    @ParameterizedTest
    @CsvSource({
        "94110, 94110",
        "'94110-1234', 94110-1234",
        "'941101234', 94110-1234",
        "'00000', ",
        "'9411', ",
        "abcde, "
    })
    void zipCodesAreNormalisedAndCheckedAgainstTheShippedList(String typed, String expected) {
        Map<String, String> errors = new HashMap<>();
        String zip = VALIDATOR.zip(typed, errors);
        if (expected == null) {
            assertTrue(errors.containsKey("zip"), typed);
        } else {
            assertEquals(expected, zip);
            assertFalse(errors.containsKey("zip"));
        }
    }

    @Test
    void fieldsSentTwiceAndUnreadableCharactersAreErrors() {
        Map<String, List<String>> m = valid();
        m.put("name", List.of("A", "B"));
        m.put("city", List.of("San Fran\uFFFDcisco"));
        m.put("address", List.of("Main St\u0000"));
        Map<String, String> errors = new HashMap<>();
        Catalog.Snapshot snapshot = catalog().snapshot();
        FormState state = FormState.read(Input.of(m), snapshot, errors);
        assertTrue(VALIDATOR.request(state, snapshot, errors).isEmpty());
        assertEquals(java.util.Set.of("name", "city", "address"), errors.keySet());
    }

    @Test
    void unknownServicesAndNoServicesAreErrors() {
        Catalog.Snapshot snapshot = catalog().snapshot();
        for (List<String> services : List.of(List.<String>of(), List.of("heat-pump", "teleporter"))) {
            Map<String, List<String>> m = valid();
            m.put("services", services);
            Map<String, String> errors = new HashMap<>();
            assertTrue(VALIDATOR
                    .request(FormState.read(Input.of(m), snapshot, errors), snapshot, errors)
                    .isEmpty());
            assertEquals(java.util.Set.of("services"), errors.keySet());
        }
    }

    @Test
    void sectionAnswersAreCheckedByTheFieldRulesThenByTheSection() {
        IntakeSection section = new IntakeSection() {
            public String id() {
                return "rebates";
            }

            public int version() {
                return 2;
            }

            public String title() {
                return "Rebate eligibility";
            }

            public List<IntakeField> fields() {
                return List.of(
                        IntakeField.number("household-size", "People", 1, 20),
                        IntakeField.choice("utility", "Utility", List.of(new FieldOption("pge", "PG&E"))),
                        IntakeField.text("notes", "Notes").optional());
            }

            public Map<String, String> validate(Map<String, String> answers) {
                return answers.get("notes").contains("nope") ? Map.of("notes", "Not that.") : Map.of();
            }
        };
        Catalog.Snapshot snapshot = catalog(section).snapshot();
        Map<String, List<String>> m = valid();
        m.put("section.rebates.household-size", List.of("99"));
        m.put("section.rebates.utility", List.of("other"));
        Map<String, String> errors = new HashMap<>();
        assertTrue(VALIDATOR
                .request(FormState.read(Input.of(m), snapshot, errors), snapshot, errors)
                .isEmpty());
        assertEquals(java.util.Set.of("section.rebates.household-size", "section.rebates.utility"), errors.keySet());

        m.put("section.rebates.household-size", List.of("4"));
        m.put("section.rebates.utility", List.of("pge"));
        m.put("section.rebates.notes", List.of("nope"));
        errors.clear();
        assertTrue(VALIDATOR
                .request(FormState.read(Input.of(m), snapshot, errors), snapshot, errors)
                .isEmpty());
        assertEquals(Map.of("section.rebates.notes", "Not that."), errors);

        m.put("section.rebates.notes", List.of("fine"));
        errors.clear();
        Validator.ValidRequest r = VALIDATOR
                .request(FormState.read(Input.of(m), snapshot, errors), snapshot, errors)
                .orElseThrow();
        assertEquals(3, r.answers().size());
        assertEquals(
                new Validator.Answer("rebates", 2, "Rebate eligibility", "utility", "Utility", "pge", "PG&E"),
                r.answers().get(1));
    }

    @Test
    void jsonBodiesAreStrictAndBounded() throws Exception {
        jakarta.json.JsonObject ok = JsonBodies.read("{\"a\":[\"b\",true]}").asJsonObject();
        assertEquals("b", ok.getJsonArray("a").getString(0));
        assertTrue(ok.getJsonArray("a").getBoolean(1));
        for (String bad : List.of(
                "{",
                "{\"a\":1,\"a\":2}",
                "[1,]",
                "{\"a\":\"\u0001\"}",
                "{} x",
                "nul",
                "{\"a\":\"\\u-001\"}",
                "[".repeat(10_000) + "]".repeat(10_000),
                "{\"a\":" + "9".repeat(100_000) + "}",
                "{\"a\":\"" + "x".repeat(JsonBodies.MAX_STRING + 1) + "\"}")) {
            try {
                JsonBodies.read(bad);
                throw new AssertionError("accepted " + bad.substring(0, Math.min(40, bad.length())));
            } catch (JsonBodies.Refused expected) {
                assertTrue(expected.getMessage().length() < 300, expected.getMessage());
            }
        }
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= JsonBodies.MAX_MEMBERS; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        assertThrows(
                JsonBodies.Refused.class, () -> JsonBodies.read(many.append('}').toString()));
        assertEquals(
                "{\"error\":\"<script>\\\"\"}", JsonBodies.error("<script>\"").toString());
    }

    @Test
    void referencesAreLongRandomAndRecognised() {
        References refs = new References(new java.security.SecureRandom());
        String a = refs.next();
        assertTrue(References.looksLikeReference(a), a);
        assertFalse(a.equals(refs.next()));
        assertFalse(References.looksLikeReference("AAAA-BBBB"));
    }

    @Test
    void referencesSortByTimeAndKeepSixtyRandomBits() {
        java.time.Instant t = java.time.Instant.parse("2026-11-28T20:00:00.00Z");
        References early =
                new References(new java.security.SecureRandom(), java.time.Clock.fixed(t, java.time.ZoneOffset.UTC));
        References later = new References(
                new java.security.SecureRandom(), java.time.Clock.fixed(t.plusMillis(10), java.time.ZoneOffset.UTC));
        String a = early.next();
        String b = early.next();
        String c = later.next();
        assertEquals(a.substring(0, 9), b.substring(0, 9), "the same hundredth: the same time part");
        assertFalse(a.equals(b), "the random part differs");
        assertTrue(a.compareTo(c) < 0 && b.compareTo(c) < 0, "a later reference sorts after: " + a + " " + c);
        java.util.Set<String> suffixes = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            suffixes.add(early.next().substring(10));
        }
        assertEquals(1000, suffixes.size(), "12 random characters: no repeats in 1000");
    }

    @Test
    void aChoiceAnswerKeepsTheLabelTheFormShowed() {
        org.cec.portal.api.intake.IntakeField choice = org.cec.portal.api.intake.IntakeField.choice(
                "income",
                "Household income",
                List.of(new org.cec.portal.api.intake.FieldOption("under-50k", "Under $50,000")));
        assertEquals("Under $50,000", Validator.optionLabel(choice, "under-50k"));
        assertEquals("", Validator.optionLabel(choice, "unknown"));
        assertEquals("", Validator.optionLabel(org.cec.portal.api.intake.IntakeField.text("note", "Note"), "x"));
    }

    @Test
    void csvCellsAreQuotedAndNeverFormulas() {
        assertEquals("'=1+1", RequestsConsolePlugin.csv("=1+1"));
        assertEquals("\"a,\"\"b\"\"\"", RequestsConsolePlugin.csv("a,\"b\""));
    }
}
