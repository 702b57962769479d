package org.cec.portal.email.internal.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.email.internal.EmailSettings;
import org.cec.portal.email.internal.templates.TestRenderers;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailTrackingTest {

    private static final String ID = "abc234@localhost";
    private static final String UNSUBSCRIBE = "http://localhost:8080/email/unsubscribe/U";
    private static final String HTML = "<p><a href=\"https://example.org/offers\">Offers</a></p>" + "<p><a href=\""
            + UNSUBSCRIBE + "\">Unsubscribe</a></p>";
    private static final Pattern CLICK = Pattern.compile("href=\"http://localhost:8080(/email/click/([^\"]+))\"");
    private static final Pattern OPEN = Pattern.compile("<img src=\"http://localhost:8080/email/open/([^\"]+)\"");

    private ModuleTestDatabase db;
    private MailTracking tracking;
    private final ConsentService consent = mock(ConsentService.class);

    @BeforeEach
    void start() throws Exception {
        db = ModuleTestDatabase.create("h2", "email");
        tracking = new MailTracking(
                new TrackingLinks(TestCookieProtection.random()),
                EmailSettings.defaults("1 Main St"),
                db,
                db,
                TestRenderers.fragments());
        tracking.setConsent(consent);
        when(consent.allows(eq("ana@example.org"), eq(Purpose.MARKETING))).thenReturn(true);
    }

    @AfterEach
    void stop() throws Exception {
        tracking.stop();
        db.close();
    }

    private String tracked(String recipient) {
        return tracking.commercialHtml(Optional.of(HTML), ID, recipient, UNSUBSCRIBE)
                .orElseThrow();
    }

    private static String group(Pattern p, String html, int group) {
        Matcher m = p.matcher(html);
        assertTrue(m.find(), html);
        return m.group(group);
    }

    @Test
    void aConsentingRecipientGetsThePixelAndClickThroughLinksButTheUnsubscribeLinkStays() {
        String html = tracked("ana@example.org");
        assertTrue(html.contains("<img src=\"http://localhost:8080/email/open/"), html);
        assertTrue(html.contains("alt=\"\" width=\"1\" height=\"1\">"), html);
        assertFalse(html.contains("https://example.org/offers"), html);
        assertTrue(html.contains("<a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a>"), html);
        assertFalse(html.contains("ana@"), "the address is not readable in the part: " + html);
    }

    @Test
    void withoutConsentOrWithoutTheConsentModuleNothingIsAdded() {
        assertEquals(HTML, tracked("bo@example.org"), "consent says no");
        tracking.setConsent(null);
        assertEquals(HTML, tracked("ana@example.org"), "no consent module");
        assertEquals(Optional.empty(), tracking.commercialHtml(Optional.empty(), ID, "ana@example.org", UNSUBSCRIBE));
    }

    @Test
    void anOpenAndAClickAreRecordedWithTheMessageIdAndNeverTheAddress() {
        String html = tracked("ana@example.org");
        assertTrue(tracking.opened(group(OPEN, html, 1)));
        assertEquals(Optional.of("https://example.org/offers"), tracking.clicked(group(CLICK, html, 2)));
        assertEquals(
                List.of(
                        new ModuleTestDatabase.Event(MailTracking.OPENED, "{\"messageId\":\"" + ID + "\"}"),
                        new ModuleTestDatabase.Event(
                                MailTracking.CLICKED,
                                "{\"messageId\":\"" + ID + "\",\"url\":\"https://example.org/offers\"}")),
                committed());
    }

    @Test
    void aPixelLoadedAgainWithinTheHourIsOneOpenAndAnotherMessagesPixelIsAnother() {
        String ana = group(OPEN, tracked("ana@example.org"), 1);
        for (int i = 0; i < 3; i++) {
            assertTrue(tracking.opened(ana), "each load gets the pixel");
        }
        String other = group(
                OPEN,
                tracking.commercialHtml(Optional.of(HTML), "other-" + ID, "ana@example.org", UNSUBSCRIBE)
                        .orElseThrow(),
                1);
        assertTrue(tracking.opened(other));
        assertEquals(
                List.of(
                        new ModuleTestDatabase.Event(MailTracking.OPENED, "{\"messageId\":\"" + ID + "\"}"),
                        new ModuleTestDatabase.Event(MailTracking.OPENED, "{\"messageId\":\"other-" + ID + "\"}")),
                committed());
    }

    @Test
    void afterAnOptOutThePixelAndTheLinkStillWorkButNothingIsRecorded() {
        String html = tracked("ana@example.org");
        when(consent.allows(eq("ana@example.org"), eq(Purpose.MARKETING))).thenReturn(false);
        assertTrue(tracking.opened(group(OPEN, html, 1)), "a valid token");
        assertEquals(Optional.of("https://example.org/offers"), tracking.clicked(group(CLICK, html, 2)));
        tracking.setConsent(null);
        assertEquals(Optional.of("https://example.org/offers"), tracking.clicked(group(CLICK, html, 2)));
        assertEquals(List.of(), committed());
    }

    @Test
    void aForgedTokenRecordsNothingAndLeadsNowhere() {
        String html = tracked("ana@example.org");
        String click = group(CLICK, html, 2);
        assertFalse(tracking.opened(click), "a click token is no open token");
        assertEquals(Optional.empty(), tracking.clicked(click.substring(0, click.length() - 3)));
        assertEquals(Optional.empty(), tracking.clicked("https://evil.example"));
        assertEquals(Optional.empty(), tracking.peek("x", true));
        assertEquals(Optional.of("https://example.org/offers"), tracking.peek(click, true));
        assertEquals(List.of(), committed());
    }

    /** The events committed once the tracking queue has written what it holds. */
    private List<ModuleTestDatabase.Event> committed() {
        tracking.flush();
        return db.committedEvents();
    }
}
