package org.cec.portal.email.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.QueuedMail;
import org.cec.portal.email.internal.CommercialParts;
import org.cec.portal.email.internal.MessageRenderer;
import org.cec.portal.email.internal.templates.TestRenderers;
import org.cec.portal.email.internal.tracking.MailTracking;
import org.cec.portal.email.internal.tracking.TrackingLinks;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.api.Test;

/** Which messages the outbox stores with open and click tracking: commercial ones, within consent, HTML part only. */
class OutboxTrackingTest {

    private static final String UNSUBSCRIBE = "https://portal.example.org/email/unsubscribe/U";
    private static final String TEXT = "Offers: https://example.org/offers\nUnsubscribe: " + UNSUBSCRIBE + "\n";
    private static final String HTML = "<p><a href=\"https://example.org/offers\">Offers</a></p>" + "<p><a href=\""
            + UNSUBSCRIBE + "\">Unsubscribe</a></p>";

    /** Every commercial message gets the same unsubscribe link (whatever the parts' method signature). */
    private static final CommercialParts PARTS = mock(
            CommercialParts.class,
            invocation -> new CommercialParts.Parts(
                    Map.of("unsubscribeUrl", UNSUBSCRIBE), Map.of("List-Unsubscribe", "<" + UNSUBSCRIBE + ">")));

    private static final MessageRenderer RENDERER =
            (message, extra) -> new MessageRenderer.Rendered("Offers", TEXT, Optional.of(HTML));

    private static String[] stored(OutboxFixture f, QueuedMail queued) {
        Object[] row = f.db.rows("SELECT body_text, body_html, message_id FROM email_outbox WHERE id = " + queued.id())
                .get(0);
        return new String[] {(String) row[0], (String) row[1], (String) row[2]};
    }

    @Test
    void onlyCommercialMailToAConsentingRecipientIsTrackedAndOnlyInItsHtmlPart() throws Exception {
        try (OutboxFixture f = new OutboxFixture("h2")) {
            ConsentService consent = mock(ConsentService.class);
            when(consent.allows(eq("ana@example.org"), eq(Purpose.MARKETING))).thenReturn(true);
            when(consent.allows(eq("rita@example.org"), eq(Purpose.MARKETING))).thenReturn(true);
            MailTracking tracking = new MailTracking(
                    new TrackingLinks(TestCookieProtection.random()),
                    f.settings,
                    f.db,
                    f.db,
                    TestRenderers.fragments());
            tracking.setConsent(consent);
            OutboxMailer mailer =
                    new OutboxMailer(f.db, f.callers, RENDERER, f.settings, f.signal, f.store, Clock.systemUTC());
            mailer.setOptional(PARTS, consent);
            mailer.setTracking(tracking);

            String[] ana = stored(
                    f,
                    mailer.queue(MailMessage.commercial("news.monthly", MailAddress.of("Ana@Example.org"), "en")
                            .build()));
            assertEquals(TEXT, ana[0], "the text part stays as rendered");
            assertTrue(ana[1].contains("<img src=\"https://portal.example.org/email/open/"), ana[1]);
            assertTrue(ana[1].contains("<a href=\"https://portal.example.org/email/click/"), ana[1]);
            assertFalse(ana[1].contains("https://example.org/offers"), ana[1]);
            assertTrue(ana[1].contains("<a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a>"), ana[1]);

            // a recipient whose consent does not cover tracking (consent says no): as rendered
            String[] bo = stored(
                    f,
                    mailer.queue(MailMessage.commercial("news.monthly", MailAddress.of("bo@example.org"), "en")
                            .build()));
            assertEquals(HTML, bo[1]);

            // relationship mail, even to a consenting recipient: as rendered
            String[] rita = stored(
                    f,
                    mailer.queue(
                            MailMessage.relationship("intake.confirmation", MailAddress.of("rita@example.org"), "en")
                                    .build()));
            assertEquals(HTML, rita[1]);
            assertEquals(TEXT, rita[0]);

            // without the tracking component: as rendered
            mailer.setTracking(null);
            String[] later = stored(
                    f,
                    mailer.queue(MailMessage.commercial("news.monthly", MailAddress.of("ana@example.org"), "en")
                            .build()));
            assertEquals(HTML, later[1]);
        }
    }
}
