package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.intake.FieldOption;
import org.cec.portal.api.intake.IntakeField;
import org.cec.portal.api.intake.IntakeSection;
import org.cec.portal.api.intake.ServiceType;
import org.junit.jupiter.api.Test;

/**
 * Partner texts written as {@code %key} are looked up in the messages of the plugin that registered
 * them, in the visitor's language, English when the plugin has no text in it; plain text stays.
 */
class CatalogLanguagesTest {

    private static final TestMessages PLUGIN = new TestMessages("testplugin/messages");
    private static final TestMessages ENGLISH_ONLY = new TestMessages("englishonly/messages");

    record Service(String id, String label) implements ServiceType {}

    /** A section whose every text is a key of the test plugin's messages. */
    static final class RoofSection implements IntakeSection {
        @Override
        public String id() {
            return "roof";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public String title() {
            return "%plugin.section.title";
        }

        @Override
        public List<IntakeField> fields() {
            return List.of(
                    IntakeField.number("age", "%plugin.field.label", 0, 200).withHint("%plugin.field.hint"),
                    IntakeField.choice(
                            "kind", "Plain question", List.of(new FieldOption("new", "%plugin.option.new"))));
        }

        @Override
        public Map<String, String> validate(Map<String, String> answers) {
            return "150".equals(answers.get("age")) ? Map.of("age", "%plugin.error.old") : Map.of();
        }
    }

    private static Catalog catalog() {
        Catalog c = TestMessages.newCatalog();
        BuiltInServiceTypes.ALL.forEach(c::addService);
        c.addService(new Service("geothermal", "%plugin.service.label"), PLUGIN);
        c.addService(new Service("english-only", "%only.label"), ENGLISH_ONLY);
        c.addService(new Service("plain", "Plain words"), PLUGIN);
        c.addSection(new RoofSection(), PLUGIN);
        return c;
    }

    private static String label(Catalog.Snapshot s, String id) {
        return s.servicesById().get(id).label();
    }

    @Test
    void keysAreLookedUpInTheVisitorsLanguageWithEnglishAsFallbackAndPlainTextStays() {
        Catalog catalog = catalog();
        Catalog.Snapshot en = catalog.snapshot(Languages.ENGLISH);
        Catalog.Snapshot es = catalog.snapshot(Languages.SPANISH);

        assertEquals("Geothermal heat pump", label(en, "geothermal"));
        assertEquals("Bomba de calor geotérmica", label(es, "geothermal"));
        assertEquals("English only service", label(es, "english-only"), "English, never the key");
        assertEquals("Plain words", label(es, "plain"));
        assertEquals("Bomba de calor", label(es, "heat-pump"), "the built-in services are translated too");
        assertEquals("Heat pump", label(en, "heat-pump"));

        Catalog.SectionInfo section = es.sections().get(0);
        assertEquals("Su techo", section.title());
        assertEquals("Edad del techo en años", section.fields().get(0).label());
        assertEquals("Basta con un cálculo aproximado.", section.fields().get(0).hint());
        assertEquals("Plain question", section.fields().get(1).label());
        assertEquals("Techo nuevo", section.fields().get(1).options().get(0).label());
        assertEquals("new", section.fields().get(1).options().get(0).value());
        assertEquals("Your roof", en.sections().get(0).title());
        assertEquals(Languages.SPANISH, es.locale());
    }

    @Test
    void eachLanguageHasItsOwnKeptSnapshot() {
        Catalog catalog = catalog();
        Catalog.Snapshot es = catalog.snapshot(Languages.SPANISH);
        assertSame(es, catalog.snapshot(Languages.SPANISH));
        assertNotSame(es, catalog.snapshot(Languages.ENGLISH));
        assertSame(catalog.snapshot(), catalog.snapshot(Languages.ENGLISH));
    }

    @Test
    void aSectionsOwnValidationMessageIsTranslatedAndTheFormsToo() throws Exception {
        Catalog.Snapshot es = catalog().snapshot(Languages.SPANISH);
        Validator validator = new Validator(TestZips.ZIPS, es.texts());
        Map<String, String> errors = new HashMap<>();
        FormState state =
                new FormState(Map.of(), List.of(), Map.of("section.roof.age", "150", "section.roof.kind", "new"), "");
        validator.answers(state, es, errors);
        assertEquals("Un techo tan viejo necesita una revisión primero.", errors.get("section.roof.age"));

        errors.clear();
        validator.answers(
                new FormState(Map.of(), List.of(), Map.of("section.roof.age", "900", "section.roof.kind", ""), ""),
                es,
                errors);
        assertEquals("Escriba un número entero del 0 al 200.", errors.get("section.roof.age"));
        assertEquals("Responda esta pregunta.", errors.get("section.roof.kind"));

        errors.clear();
        validator.contact(FormState.empty(), errors);
        assertEquals("Escriba su nombre.", errors.get("name"));
        assertEquals("Escriba su correo electrónico.", errors.get("email"));
    }
}
