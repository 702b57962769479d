package org.cec.portal.privacy.internal.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.privacy.internal.data.PersonalData.Area;
import org.cec.portal.privacy.internal.data.PersonalData.Erased;
import org.junit.jupiter.api.Test;

class DataModelTest {

    /** Texts by language, then key; English is the fallback. */
    record MapMessages(Map<String, Map<String, String>> texts) implements Messages {
        @Override
        public String get(Locale locale, String key, Object... args) {
            return new MessageFormat(find(locale, key).orElseThrow(), locale).format(args);
        }

        @Override
        public Optional<String> find(Locale locale, String key) {
            return Optional.ofNullable(
                            texts.getOrDefault(locale.getLanguage(), Map.of()).get(key))
                    .or(() -> Optional.ofNullable(texts.get("en").get(key)));
        }

        @Override
        public String localize(Locale locale, String textOrKey) {
            return textOrKey;
        }

        @Override
        public boolean has(Locale locale, String key) {
            return find(locale, key).isPresent();
        }
    }

    private static final Messages OWN = new MapMessages(Map.of("en", Map.of("privacy.kind.event", "Event \"{0}\"")));

    private static final Messages WORKSHOPS = new MapMessages(Map.of(
            "en",
            Map.of(
                    "privacy.area.workshops", "Workshops you signed up for",
                    "privacy.kind.workshops.signup", "Sign-up",
                    "privacy.field.contact-method", "How to reach you",
                    "privacy.value.contact-method.phone", "by phone"),
            "es",
            Map.of(
                    "privacy.area.workshops", "Talleres en los que se inscribió",
                    "privacy.field.contact-method", "Cómo contactarle")));

    private static final Area AREA = new Area(
            "workshops",
            List.of(new PersonalRecord(
                    "workshops.signup",
                    Instant.parse("2026-11-01T10:00:00Z"),
                    Map.of(
                            "contact method", "phone",
                            "Seat", "B 12",
                            "note", "Call after 5 pm, please: phone"))),
            false);

    private static DataModel model(Locale locale) {
        return new DataModel(OWN, area -> area.equals("workshops") ? Optional.of(WORKSHOPS) : Optional.empty(), locale);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(DataModel m) {
        Map<String, Object> area = m.areas(List.of(AREA)).get(0);
        return area;
    }

    @Test
    void anAreaItsKindsFieldsAndCodedValuesAreNamedInTheTextsOfTheBundleHoldingIt() {
        Map<String, Object> area = first(model(Locale.ENGLISH));
        assertEquals("Workshops you signed up for", area.get("label"));
        @SuppressWarnings("unchecked")
        Map<String, Object> record = ((List<Map<String, Object>>) area.get("records")).get(0);
        assertEquals("Sign-up", record.get("kind"));
        assertEquals("2026-11-01 10:00 UTC", record.get("recordedAt"));
        assertEquals(
                List.of(
                        Map.of("name", "Seat", "value", "B 12"),
                        Map.of("name", "How to reach you", "value", "by phone"),
                        Map.of("name", "note", "value", "Call after 5 pm, please: phone")),
                record.get("fields"),
                "a field without a text keeps its name, a value that is not a code is shown as it is");
    }

    @Test
    void anotherLanguageUsesItsTextsAndFallsBackToEnglishThenToTheNames() {
        Map<String, Object> area = first(model(Locale.forLanguageTag("es")));
        assertEquals("Talleres en los que se inscribió", area.get("label"));
        @SuppressWarnings("unchecked")
        Map<String, Object> record = ((List<Map<String, Object>>) area.get("records")).get(0);
        assertEquals("Sign-up", record.get("kind"), "no Spanish text: the English one");
        assertEquals(
                "Cómo contactarle",
                ((List<Map<String, String>>) record.get("fields")).get(1).get("name"));
    }

    @Test
    void anAreaWhoseBundleIsGoneOrSaysNothingIsShownByItsNamesAndTheEventLogByItsTypes() {
        DataModel m = model(Locale.ENGLISH);
        assertEquals("gone", m.areaLabel("gone"));
        assertEquals("gone.kind", m.kindLabel("gone", "gone.kind"));
        assertEquals("Event \"intake.submitted\"", m.kindLabel("events", "events.intake.submitted"));
        assertEquals(
                List.of(Map.of("label", "Workshops you signed up for", "records", 2, "failed", false)),
                m.erased(List.of(new Erased("workshops", 2, false))));
    }

    @Test
    void namesBecomeKeysLowerCasedWithDashes() {
        assertEquals("contact-method", DataModel.key("contact method"));
        assertEquals("message-id", DataModel.key("Message-ID"));
        assertEquals("opted-out-of", DataModel.key(" Opted out of: "));
        assertEquals("contactmethod", DataModel.key("contactMethod"));
        assertEquals("", DataModel.key("--"));
    }
}
