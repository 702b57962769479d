package org.cec.portal.email.internal.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.MailRefusedException;
import org.cec.portal.api.email.MailTemplates;
import org.cec.portal.api.email.MailTemplates.Part;
import org.cec.portal.email.internal.MessageRenderer.Rendered;
import org.junit.jupiter.api.Test;

class FreemarkerRendererTest {

    private static final MailAddress ANA = new MailAddress("ana@example.org", "Ana");
    private final FileMessages texts = new FileMessages();
    private final FreemarkerRenderer renderer =
            new FreemarkerRenderer(null, texts, FreemarkerRendererTest.class.getClassLoader());

    private static MailMessage confirmation(String language, String name) {
        return MailMessage.relationship(MessageTypes.CONFIRMATION, ANA, language)
                .with("name", name)
                .with("reference", "K7Q-4XM")
                .with("services", List.of("Heat pump", "EV charger"))
                .with("contactMethod", "email")
                .with("chooseUrl", "https://portal.example.org/contractors/choose/abc")
                .build();
    }

    @Test
    void theConfirmationHasTheReferenceTheServicesAndTheChooseLinkInEnglish() {
        Rendered r = renderer.render(confirmation("en", "Ana"), Map.of());
        assertEquals("Your request K7Q-4XM is in: choose who contacts you", r.subject());
        assertTrue(
                r.text().startsWith("Hello Ana,\n\nThank you for your request. Your reference is K7Q-4XM"), r.text());
        assertTrue(r.text().contains("\n- Heat pump\n- EV charger\n"), r.text());
        assertTrue(r.text().contains("\nhttps://portal.example.org/contractors/choose/abc\n"), r.text());
        assertTrue(r.text().contains("The Clean Energy Connect team"), r.text());
        assertFalse(r.text().contains("<"), "plain text: " + r.text());
        String html = r.html().orElseThrow();
        assertTrue(html.contains("<html lang=\"en\">"), html);
        assertTrue(html.contains("href=\"https://portal.example.org/contractors/choose/abc\""), html);
        assertTrue(html.contains("<li>Heat pump</li>"), html);
        assertTrue(html.contains("Choose my contractors"), html);
    }

    @Test
    void theConfirmationIsInSpanishForASpanishRequest() {
        Rendered r = renderer.render(confirmation("es", "Ana"), Map.of());
        assertEquals("Recibimos su solicitud K7Q-4XM: elija quién le contacta", r.subject());
        assertTrue(r.text().startsWith("Hola, Ana:\n\nGracias por su solicitud."), r.text());
        assertTrue(r.text().contains("El equipo de Clean Energy Connect"), r.text());
        assertTrue(r.html().orElseThrow().contains("<html lang=\"es\">"));
        assertTrue(r.html().orElseThrow().contains("Elegir mis contratistas"));
    }

    @Test
    void aLanguageWithoutTextsFallsBackToEnglish() {
        Rendered r = renderer.render(confirmation("fr", "Ana"), Map.of());
        assertEquals("Your request K7Q-4XM is in: choose who contacts you", r.subject());
    }

    @Test
    void theHtmlPartEscapesWhatPeopleTypedAndTheTextPartKeepsIt() {
        Rendered r = renderer.render(confirmation("en", "<b>Ana</b> & \"Co\""), Map.of());
        assertTrue(r.text().startsWith("Hello <b>Ana</b> & \"Co\","), r.text());
        String html = r.html().orElseThrow();
        assertTrue(html.contains("Hello &lt;b&gt;Ana&lt;/b&gt; &amp; &quot;Co&quot;,"), html);
        assertFalse(html.contains("<b>Ana"), html);
    }

    @Test
    void withoutAChooseLinkTheConfirmationSaysHowWeWillGetInTouch() {
        MailMessage m = MailMessage.relationship(MessageTypes.CONFIRMATION, ANA, "es")
                .with("name", "")
                .with("reference", "K7Q-4XM")
                .with("services", List.of())
                .with("contactMethod", "phone")
                .with("chooseUrl", "")
                .build();
        Rendered r = renderer.render(m, Map.of());
        assertTrue(r.text().startsWith("Hola:\n"), r.text());
        assertTrue(r.text().contains("Nos pondremos en contacto con usted por teléfono pronto."), r.text());
        assertFalse(r.text().contains("Nos preguntó por"), r.text());
        assertFalse(r.html().orElseThrow().contains("href=\"\""), r.html().get());
    }

    @Test
    void theOptInLinkSaysWhatItAllowsAgainInTheRequestsLanguage() {
        for (String[] c : new String[][] {
            {"en", "marketing-email", "Please confirm your privacy choice", "commercial email to this address"},
            {"es", "address-sharing", "Confirme su elección de privacidad", "compartir su dirección postal"}
        }) {
            MailMessage m = MailMessage.relationship(MessageTypes.OPT_IN, ANA, c[0])
                    .with("confirmUrl", "http://localhost:8080/privacy/opt-in/confirm/tok")
                    .with("kind", c[1])
                    .build();
            Rendered r = renderer.render(m, Map.of());
            assertEquals(c[2], r.subject());
            assertTrue(r.text().contains(c[3]), r.text());
            assertTrue(r.text().contains("\nhttp://localhost:8080/privacy/opt-in/confirm/tok\n"), r.text());
            assertTrue(r.html().orElseThrow().contains("href=\"http://localhost:8080/privacy/opt-in/confirm/tok\""));
        }
    }

    @Test
    void theDraftLinkCarriesTheFinishLink() {
        MailMessage m = MailMessage.relationship(MessageTypes.DRAFT_LINK, ANA, "en")
                .with("finishUrl", "http://localhost:8080/request/draft/tok")
                .build();
        Rendered r = renderer.render(m, Map.of());
        assertEquals("Your saved request: the link to finish it", r.subject());
        assertTrue(r.text().contains("\nhttp://localhost:8080/request/draft/tok\n"), r.text());
        assertTrue(r.html().orElseThrow().contains("href=\"http://localhost:8080/request/draft/tok\""));
    }

    @Test
    void theLeadShowsOnlyTheDisclosedFields() {
        MailMessage m = MailMessage.relationship(MessageTypes.LEAD, MailAddress.of("jobs@sunny.example"), "en")
                .with("businessName", "Sunny Solar")
                .with("reference", "K7Q-4XM")
                .with("fields", List.of("name", "email", "zip", "services", "contactMethod"))
                .with("name", "Ana Reyes")
                .with("email", "ana@example.org")
                .with("zip", "94110")
                .with("services", List.of("Heat pump", "EV charger"))
                .with("contactMethod", "phone")
                .with("leadUrl", "http://localhost:8080/leads/xyz")
                .build();
        Rendered r = renderer.render(m, Map.of());
        assertEquals("A homeowner chose Sunny Solar: request K7Q-4XM", r.subject());
        assertTrue(r.text().contains("\nName: Ana Reyes\nEmail: ana@example.org\nZIP code: 94110\n"), r.text());
        assertTrue(
                r.text().contains("\nServices: Heat pump, EV charger\nPrefers to be contacted by: phone\n"), r.text());
        assertFalse(r.text().contains("Phone:"), r.text());
        assertFalse(r.text().contains("Address:"), r.text());
        assertTrue(r.text().contains("\nhttp://localhost:8080/leads/xyz\n"), r.text());
        String html = r.html().orElseThrow();
        assertTrue(html.contains(">Ana Reyes</td>"), html);
        assertFalse(html.contains(">Phone</th>"), html);
        assertTrue(html.contains("href=\"http://localhost:8080/leads/xyz\""), html);
    }

    @Test
    void theNoteToTheHomeownerNamesEveryChosenContractor() {
        MailMessage m = MailMessage.relationship(MessageTypes.CHOSEN, ANA, "es")
                .with("name", "Ana")
                .with("reference", "K7Q-4XM")
                .with(
                        "contractors",
                        List.of(
                                Map.of("name", "Sunny Solar", "phone", "(415) 555-0100", "email", "", "website", ""),
                                Map.of("name", "Bay Heat", "phone", "", "email", "hi@bayheat.example", "website", "")))
                .build();
        Rendered r = renderer.render(m, Map.of());
        assertEquals("Su solicitud K7Q-4XM se envió a 2 contratistas", r.subject());
        assertTrue(r.text().contains("\n- Sunny Solar\n  Teléfono: (415) 555-0100\n"), r.text());
        assertTrue(r.text().contains("\n- Bay Heat\n  Correo electrónico: hi@bayheat.example\n"), r.text());
        MailMessage one = MailMessage.relationship(MessageTypes.CHOSEN, ANA, "en")
                .with("name", "Ana")
                .with("reference", "K7Q-4XM")
                .with("contractors", List.of(Map.of("name", "Sunny Solar", "phone", "", "email", "", "website", "")))
                .build();
        assertEquals(
                "Your request K7Q-4XM went to one contractor",
                renderer.render(one, Map.of()).subject());
    }

    @Test
    void commercialValuesOfTheModuleAppearInTheFooter() {
        Rendered r = renderer.render(
                confirmation("en", "Ana"),
                Map.of("unsubscribeUrl", "https://p.example/email/unsubscribe/t", "postalAddress", "1 Main St"));
        assertTrue(r.text().contains("Unsubscribe: https://p.example/email/unsubscribe/t"), r.text());
        assertTrue(r.text().contains("Our postal address: 1 Main St"), r.text());
        assertTrue(r.html().orElseThrow().contains("href=\"https://p.example/email/unsubscribe/t\""));
    }

    @Test
    void aTypeWithoutTemplatesIsRefusedAsUnknown() {
        MailMessage m = MailMessage.relationship("no.such-type", ANA, "en").build();
        MailRefusedException e = assertThrows(MailRefusedException.class, () -> renderer.render(m, Map.of()));
        assertEquals(MailRefusedException.Reason.UNKNOWN_TYPE, e.reason());
        assertTrue(e.getMessage().contains("no.such-type"), e.getMessage());
    }

    @Test
    void aMissingValueFailsTheTemplateWithoutQuotingAnyValue() {
        MailMessage m = MailMessage.relationship(MessageTypes.CONFIRMATION, ANA, "en")
                .with("name", "Ana Secret")
                .build();
        MailRefusedException e = assertThrows(MailRefusedException.class, () -> renderer.render(m, Map.of()));
        assertEquals(MailRefusedException.Reason.TEMPLATE_FAILED, e.reason());
        assertTrue(e.getMessage().contains("intake.confirmation"), e.getMessage());
        assertFalse(e.getMessage().contains("Ana Secret"), e.getMessage());
    }

    /** A partner's templates for some types, languages and parts. */
    private record Partner(Map<String, String> sources) implements MailTemplates {
        @Override
        public Optional<String> template(String type, String language, Part part) {
            return Optional.ofNullable(sources.get(type + "/" + language + "/" + part));
        }
    }

    @Test
    void aPartnersTemplateOfHigherRankingWinsPerPartAndLanguage() {
        renderer.add(new Partner(Map.of("intake.confirmation/en/SUBJECT", "Low ${reference}")), 5, 10, texts);
        renderer.add(
                new Partner(Map.of(
                        "intake.confirmation/en/SUBJECT", "High ${reference}",
                        "intake.confirmation/en/HTML", "<p>${name}</p>")),
                50,
                11,
                texts);
        Rendered en = renderer.render(confirmation("en", "<Ana>"), Map.of());
        assertEquals("High K7Q-4XM", en.subject());
        assertEquals("<p>&lt;Ana&gt;</p>", en.html().orElseThrow(), "a partner's HTML escapes too");
        assertTrue(en.text().startsWith("Hello <Ana>,"), "the text part is still the built-in one");
        Rendered es = renderer.render(confirmation("es", "Ana"), Map.of());
        assertEquals("Recibimos su solicitud K7Q-4XM: elija quién le contacta", es.subject(), "no partner for es");
    }

    @Test
    void aPartnerThatGoesAwayLeavesTheBuiltInTemplates() {
        Partner partner = new Partner(Map.of("intake.confirmation/en/SUBJECT", "Partner ${reference}"));
        renderer.add(partner, 100, 12, texts);
        assertEquals(
                "Partner K7Q-4XM",
                renderer.render(confirmation("en", "Ana"), Map.of()).subject());
        renderer.removeTemplates(partner);
        assertEquals(
                "Your request K7Q-4XM is in: choose who contacts you",
                renderer.render(confirmation("en", "Ana"), Map.of()).subject());
    }

    @Test
    void aPartnerMayAddItsOwnTypeAndUseTheSharedLayout() {
        renderer.add(
                new Partner(Map.of(
                        "rebates.reminder/en/SUBJECT", "Your rebate",
                        "rebates.reminder/en/TEXT", "Hi ${name}",
                        "rebates.reminder/en/HTML",
                                "<#import \"/layout.ftlh\" as l><@l.page footer=\"f\">x</@l.page>")),
                0,
                13,
                texts);
        MailMessage m = MailMessage.relationship("rebates.reminder", ANA, "en")
                .with("name", "Ana")
                .build();
        Rendered r = renderer.render(m, Map.of());
        assertEquals("Your rebate", r.subject());
        assertEquals("Hi Ana\n", r.text());
        assertTrue(r.html().orElseThrow().contains("Clean Energy Connect"));
    }

    @Test
    void theSubjectIsOneLineWhateverTheTemplateOrValuesHold() {
        renderer.add(new Partner(Map.of("intake.confirmation/en/SUBJECT", "\n  Hi ${name}\n\n")), 0, 14, texts);
        assertEquals(
                "Hi Ana Bcc: x@example.org",
                renderer.render(confirmation("en", "Ana\r\nBcc: x@example.org"), Map.of())
                        .subject());
    }

    @Test
    void aPartnerTemplateThatDoesNotParseIsATemplateFailure() {
        renderer.add(new Partner(Map.of("intake.confirmation/en/SUBJECT", "<#if>")), 0, 15, texts);
        MailRefusedException e =
                assertThrows(MailRefusedException.class, () -> renderer.render(confirmation("en", "Ana"), Map.of()));
        assertEquals(MailRefusedException.Reason.TEMPLATE_FAILED, e.reason());
    }

    @Test
    void everyTextExistsInEnglishAndSpanish() {
        assertEquals(texts.keys(Locale.ENGLISH), texts.keys(Locale.forLanguageTag("es")));
    }
}
