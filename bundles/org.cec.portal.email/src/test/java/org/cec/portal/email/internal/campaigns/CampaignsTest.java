package org.cec.portal.email.internal.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MessageKind;
import org.cec.portal.email.internal.MessageRenderer;
import org.cec.portal.email.internal.templates.TestRenderers;
import org.junit.jupiter.api.Test;

/** A draft's checks, and the newsletter rendered from the real templates in English and Spanish. */
class CampaignsTest {

    private static final Campaign CAMPAIGN = new Campaign(
            7,
            "News <b>",
            "First <script>x</script>\n\n\nSecond line\nstill second",
            "",
            "",
            "draft",
            0,
            0,
            0,
            0,
            null,
            null);

    @Test
    void aDraftWithAMultiLineSubjectABadZipOrServiceIsRefusedFieldByField() {
        Map<String, Campaigns.Problem> problems =
                Campaigns.problems(new Campaigns.Draft("a\r\nBcc: x", "", "94x", "Heat Pump"));
        assertEquals(List.of("subject", "body", "zipPrefix", "service"), List.copyOf(problems.keySet()));
        assertTrue(Campaigns.problems(new Campaigns.Draft("News", "Text", "946", "heat-pump"))
                .isEmpty());
        assertTrue(
                Campaigns.problems(new Campaigns.Draft("News", "Text", "", "")).isEmpty());
    }

    @Test
    void theNewsletterIsCommercialKeyedPerAddressAndRenderedEscapedInTheRecipientsLanguage() {
        var message = Campaigns.message(CAMPAIGN, MailAddress.of("Ana@Example.org"), "Ana", "es", false)
                .build();
        assertEquals(MessageKind.COMMERCIAL, message.kind());
        assertEquals("campaign:7:ana@example.org", message.key().orElseThrow());
        assertEquals(
                List.of("First <script>x</script>", "Second line\nstill second"),
                message.model().get("paragraphs"));
        MessageRenderer.Rendered r = TestRenderers.builtIn()
                .render(
                        message,
                        Map.of("unsubscribeUrl", "https://p.test/email/unsubscribe/t", "postalAddress", "1 Main St"));
        assertEquals("News <b>", r.subject());
        assertTrue(r.text().startsWith("Hola, Ana:"), r.text());
        assertTrue(r.text().contains("First <script>x</script>"), r.text());
        assertTrue(
                r.text().contains("https://p.test/email/unsubscribe/t")
                        && r.text().contains("1 Main St"),
                r.text());
        String html = r.html().orElseThrow();
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("First &lt;script&gt;x&lt;/script&gt;"), html);
        assertFalse(r.text().contains("prueba"), "not marked as a test");
        var test = Campaigns.message(CAMPAIGN, MailAddress.of("staff@example.org"), "", "en", true)
                .build();
        assertTrue(test.key().isEmpty(), "each test is a message of its own");
        assertTrue(TestRenderers.builtIn().render(test, Map.of()).text().contains("This is a test of a newsletter"));
    }
}
