package org.cec.portal.consent.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.cec.portal.api.consent.Purpose;
import org.junit.jupiter.api.Test;

/** The visitor-level decision: cookie, policy version and tracking signals. */
class VisitorConsentTest {

    private static final String KEY = "our-key";

    private static HttpServletRequest request(String cookieValue, String dnt, String gpc) {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getCookies())
                .thenReturn(cookieValue == null ? null : new Cookie[] {new Cookie(ConsentCookie.NAME, cookieValue)});
        when(request.getHeader("DNT")).thenReturn(dnt);
        when(request.getHeader("Sec-GPC")).thenReturn(gpc);
        return request;
    }

    private static String cookie(String version, Selection selection, boolean signalAtChoice) {
        return new ConsentCookie(Fakes.protection(KEY))
                .encode(new Choice("AbCdEfGhIjKlMnOpQrStUv", version, selection, signalAtChoice, Instant.now()));
    }

    private static VisitorConsent visitors(ConsentSettings settings) {
        return new VisitorConsent(Fakes.protection(KEY), settings);
    }

    private static final Selection ALL = new Selection("accept-all", true, true, true);

    @Test
    void withoutAChoiceOnlyNecessaryIsAllowed() {
        VisitorConsent v = visitors(Fakes.settings("1"));
        HttpServletRequest r = request(null, null, null);
        assertTrue(v.allows(r, Purpose.NECESSARY));
        for (Purpose p : new Purpose[] {Purpose.PREFERENCES, Purpose.ANALYTICS, Purpose.MARKETING}) {
            assertFalse(v.allows(r, p), p.id());
        }
    }

    @Test
    void aChoiceUnderAnOlderPolicyVersionCountsAsNoChoice() {
        VisitorConsent v = visitors(Fakes.settings("2"));
        HttpServletRequest r = request(cookie("1", ALL, false), null, null);
        assertFalse(v.allows(r, Purpose.ANALYTICS));
        assertTrue(v.current(r).isEmpty());
        assertTrue(v.latest(r).isPresent(), "the old choice is still known, to ask again");
    }

    @Test
    void gpcOrDntWithoutAnOptInMadeUnderTheSignalDeniesAnalyticsAndMarketing() {
        VisitorConsent v = visitors(Fakes.settings("1"));
        String earlier = cookie("1", ALL, false);
        for (HttpServletRequest r :
                new HttpServletRequest[] {request(earlier, null, "1"), request(earlier, "1", null)}) {
            assertFalse(v.allows(r, Purpose.ANALYTICS));
            assertFalse(v.allows(r, Purpose.MARKETING));
            assertTrue(v.allows(r, Purpose.PREFERENCES), "the signals are about tracking, not preferences");
        }
        assertTrue(v.allows(request(earlier, null, null), Purpose.ANALYTICS), "no signal: the choice counts");
    }

    @Test
    void anExplicitOptInMadeWhileSendingTheSignalWins() {
        VisitorConsent v = visitors(Fakes.settings("1"));
        HttpServletRequest r = request(cookie("1", ALL, true), "1", "1");
        assertTrue(v.allows(r, Purpose.ANALYTICS));
        assertTrue(v.allows(r, Purpose.MARKETING));
    }

    @Test
    void signalsAreIgnoredWhenTheOperatorTurnedThemOff() {
        VisitorConsent v = visitors(Fakes.settings("1", "", false, false));
        HttpServletRequest r = request(cookie("1", ALL, false), "1", "1");
        assertTrue(v.allows(r, Purpose.ANALYTICS));
        assertFalse(v.signalHonoured(r));
    }

    @Test
    void aTamperedCookieIsNoConsent() {
        VisitorConsent v = visitors(Fakes.settings("1"));
        String rejected = cookie("1", new Selection("reject-all", false, false, false), false);
        HttpServletRequest r = request(rejected.replace("~000~", "~111~"), null, null);
        assertFalse(v.allows(r, Purpose.MARKETING));
        assertTrue(v.current(r).isEmpty());
    }
}
