package org.cec.portal.email.internal.unsubscribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.cec.portal.email.internal.CommercialParts.Parts;
import org.cec.portal.email.internal.EmailSettings;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.api.Test;

class UnsubscribePartsTest {

    private final UnsubscribeTokens tokens = new UnsubscribeTokens(TestCookieProtection.random());

    @Test
    void aCommercialMessageGetsItsRecipientsLinkThePostalAddressAndBothHeaders() {
        EmailSettings settings = new EmailSettings(
                URI.create("https://portal.example.org"),
                "1 Main St, Springfield",
                4,
                50,
                10,
                30_000,
                3_600_000,
                120_000);
        Parts parts = new UnsubscribeParts(tokens, settings).of("ana@example.org", "en");

        String url = (String) parts.model().get("unsubscribeUrl");
        assertTrue(url.startsWith("https://portal.example.org/email/unsubscribe/"), url);
        String token = url.substring("https://portal.example.org/email/unsubscribe/".length());
        assertEquals("ana@example.org", tokens.addressOf(token).orElseThrow());
        assertEquals("1 Main St, Springfield", parts.model().get("postalAddress"));
        assertEquals("<" + url + ">", parts.headers().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", parts.headers().get("List-Unsubscribe-Post"));
        assertEquals(2, parts.headers().size());

        String spanish = (String) new UnsubscribeParts(tokens, settings)
                .of("ana@example.org", "es")
                .model()
                .get("unsubscribeUrl");
        assertTrue(spanish.endsWith("?page-lang=es"), "the page opens in the message's language: " + spanish);
        assertFalse(url.contains("?"), "English, the default, needs nothing: " + url);
    }
}
