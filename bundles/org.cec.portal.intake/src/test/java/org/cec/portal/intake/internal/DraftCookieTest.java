package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.api.web.CookieProtection;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The draft a browser remembers with the preferences consent: the sealed cookie, keeping and updating
 * one draft, the offer's lookup, and every way the draft and cookie go (consent withdrawn, under 13,
 * submitted, start over, a cookie that is not ours). The drafts are real, in the module's tables.
 */
class DraftCookieTest {

    private final CookieProtection keys = TestCookieProtection.random();
    private final List<Cookie> issued = new ArrayList<>();
    private ModuleTestDatabase db;
    private DraftStore drafts;

    @BeforeEach
    void open() throws Exception {
        db = ModuleTestDatabase.create("h2", "intake");
        drafts = new DraftStore(db, db, new SecureRandom(), Clock.systemUTC(), Duration.ofDays(30));
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void withTheConsentEachStepKeepsTheSameDraftNamedByASealedCookie() {
        DraftCookie cookies = new DraftCookie(keys, drafts, consent(true));
        assertTrue(cookies.allowed(request(false, null)));

        DraftStore.Kept first = cookies.keep(request(false, null), response(), adult("ada@example.com"), "")
                .orElseThrow();
        assertTrue(first.created());
        assertEquals(1, issued.size());
        Cookie cookie = issued.get(0);
        assertEquals(DraftCookie.COOKIE, cookie.getName());
        assertTrue(cookie.isHttpOnly());
        assertFalse(cookie.getSecure(), "plain HTTP");
        assertEquals("Lax", cookie.getAttribute("SameSite"));
        assertEquals("/request", cookie.getPath());
        assertEquals(30 * 24 * 3600, cookie.getMaxAge(), "kept as long as the draft");
        assertFalse(cookie.getValue().contains(first.token()), "the token is sealed, not in clear");
        assertEquals(
                first.token(), cookies.token(request(false, cookie.getValue())).orElseThrow());

        // the next step (the page's hidden field names the draft): the same draft, updated, no new event
        FormState more = adult("ada@example.com");
        more.services().add("ev-charger");
        DraftStore.Kept second = cookies.keep(request(false, cookie.getValue()), response(), more, first.token())
                .orElseThrow();
        assertEquals(new DraftStore.Kept(first.token(), false), second);
        assertEquals(1, drafts.count());
        assertEquals(1, db.committedEvents().size());

        // the next GET /request finds it to offer
        issued.clear();
        DraftCookie.Remembered remembered = cookies.remembered(request(false, cookie.getValue()), response())
                .orElseThrow();
        assertEquals(first.token(), remembered.token());
        assertEquals(
                List.of("heat-pump", "ev-charger"), remembered.draft().fields().get("services"));
        assertTrue(issued.isEmpty(), "the cookie is left as it is");
    }

    @Test
    void onHttpsTheCookieIsSecure() {
        new DraftCookie(keys, drafts, consent(true)).keep(request(true, null), response(), adult("a@example.com"), "");
        assertTrue(issued.get(0).getSecure());
    }

    @Test
    void withoutTheConsentOrWithoutAConsentServiceNothingIsAllowed() {
        assertFalse(new DraftCookie(keys, drafts, consent(false)).allowed(request(false, null)));
        assertFalse(new DraftCookie(keys, drafts, null).allowed(request(false, null)));
        ConsentService failing = mock(ConsentService.class);
        when(failing.allows(any(HttpServletRequest.class), any(Purpose.class)))
                .thenThrow(new IllegalStateException("down"));
        assertFalse(new DraftCookie(keys, drafts, failing).allowed(request(false, null)));
    }

    @Test
    void afterTheConsentIsWithdrawnTheKeptDraftAndItsCookieGoButADraftAskedForStays() {
        String sealed = keptCookie("ada@example.com");
        String kept = new DraftCookie(keys, drafts, consent(true))
                .token(request(false, sealed))
                .orElseThrow();
        String asked = drafts.save(adult("ada@example.com"), "");
        issued.clear();

        DraftCookie withdrawn = new DraftCookie(keys, drafts, consent(false));
        assertTrue(withdrawn.remembered(request(false, sealed), response()).isEmpty(), "no offer");
        assertEquals(1, issued.size());
        assertEquals(0, issued.get(0).getMaxAge(), "the cookie is expired");
        assertTrue(drafts.find(kept).isEmpty(), "the draft kept for the consent is deleted");

        // a draft the visitor asked for, named by the page, stays (its link was sent)
        issued.clear();
        withdrawn.withdraw(request(false, null), response(), asked);
        assertTrue(drafts.find(asked).isPresent());
        assertTrue(issued.isEmpty(), "no cookie to expire");

        // a draft kept for the consent named only by the page goes too
        String other = drafts.keep(adult("b@example.com"), "").token();
        withdrawn.withdraw(request(false, null), response(), other);
        assertTrue(drafts.find(other).isEmpty());
    }

    @Test
    void aTamperedForeignGarbageOrOtherCookieIsIgnoredAndExpiredNeverAnError() {
        String sealed = keptCookie("ada@example.com");
        DraftCookie cookies = new DraftCookie(keys, drafts, consent(true));
        char[] chars = sealed.toCharArray();
        int middle = chars.length / 2;
        chars[middle] = chars[middle] == '7' ? '3' : '7'; // a digit: Jetty's header cache matches values ignoring case
        String token = cookies.token(request(false, sealed)).orElseThrow();
        for (String bad : List.of(
                new String(chars),
                sealed.substring(0, sealed.length() - 1),
                TestCookieProtection.random().seal("d1:" + token), // another installation's keys
                keys.seal(token), // ours, but not in the draft format
                keys.seal("d1:not-a-token"),
                keys.seal(Prefill.encode(Map.of("name", "Eve"))), // the contact cookie's content
                "garbage",
                "%%%",
                "x".repeat(5000))) {
            issued.clear();
            assertTrue(cookies.token(request(false, bad)).isEmpty(), bad);
            assertTrue(cookies.remembered(request(false, bad), response()).isEmpty(), bad);
            assertEquals(1, issued.size(), bad);
            assertEquals(0, issued.get(0).getMaxAge(), "expired: " + bad);
        }
        assertTrue(drafts.find(token).isPresent(), "a bad cookie deletes nothing");
    }

    @Test
    void aCookieOfADraftThatNoLongerExistsIsIgnoredAndExpired() {
        String sealed = keptCookie("ada@example.com");
        DraftCookie cookies = new DraftCookie(keys, drafts, consent(true));
        drafts.delete(cookies.token(request(false, sealed)).orElseThrow());
        issued.clear();
        assertTrue(cookies.remembered(request(false, sealed), response()).isEmpty());
        assertEquals(0, issued.get(0).getMaxAge());
    }

    @Test
    void underThirteenEveryDraftTheVisitorNamesIsDeletedWhateverKeptIt() {
        String sealed = keptCookie("ada@example.com");
        DraftCookie cookies = new DraftCookie(keys, drafts, consent(true));
        String fromCookie = cookies.token(request(false, sealed)).orElseThrow();
        String asked = drafts.save(adult("ada@example.com"), "");
        issued.clear();
        cookies.forgetAll(request(false, sealed), response(), asked);
        assertEquals(0, drafts.count(), "the page's draft (asked for) and the cookie's draft");
        assertTrue(drafts.find(fromCookie).isEmpty());
        assertEquals(0, issued.get(0).getMaxAge());
    }

    @Test
    void submittingExpiresTheCookieAndStartingOverDeletesTheDraft() {
        String sealed = keptCookie("ada@example.com");
        DraftCookie cookies = new DraftCookie(keys, drafts, consent(true));
        String token = cookies.token(request(false, sealed)).orElseThrow();
        issued.clear();
        // the page sent another draft than the cookie names: the cookie's (kept for the consent) goes too
        cookies.submitted(request(false, sealed), response(), drafts.save(adult("x@example.com"), ""));
        assertEquals(0, issued.get(0).getMaxAge());
        assertTrue(drafts.find(token).isEmpty());

        String again = keptCookie("ada@example.com");
        String other = cookies.token(request(false, again)).orElseThrow();
        issued.clear();
        cookies.startOver(request(false, again), response());
        assertTrue(drafts.find(other).isEmpty(), "start over deletes the draft");
        assertEquals(0, issued.get(0).getMaxAge());
    }

    @Test
    void whenTheDatabaseFailsNothingIsKeptAndTheVisitorSeesNoError() {
        ModuleDatabase broken = mock(ModuleDatabase.class);
        when(broken.inTransaction(any())).thenThrow(new IllegalStateException("database down"));
        when(broken.read(any())).thenThrow(new IllegalStateException("database down"));
        PortalEvents events = mock(PortalEvents.class);
        DraftStore down = new DraftStore(broken, events, new SecureRandom(), Clock.systemUTC(), Duration.ofDays(30));
        DraftCookie cookies = new DraftCookie(keys, down, consent(true));
        assertTrue(cookies.keep(request(false, null), response(), adult("a@example.com"), "")
                .isEmpty());
        assertTrue(issued.isEmpty(), "no cookie for a draft that was not kept");
        String sealed = keys.seal("d1:" + "A".repeat(43));
        assertTrue(cookies.remembered(request(false, sealed), response()).isEmpty());
        cookies.forgetAll(request(false, sealed), response(), "");
        assertEquals(0, issued.get(0).getMaxAge(), "the cookie still goes");
    }

    /** Keeps a draft for {@code email} with the consent and returns the cookie's value. */
    private String keptCookie(String email) {
        issued.clear();
        new DraftCookie(keys, drafts, consent(true)).keep(request(false, null), response(), adult(email), "");
        return issued.get(0).getValue();
    }

    private static FormState adult(String email) {
        return FormFixtures.typed("Ada Lovelace", email, Validator.AGE_ADULT, List.of("heat-pump"), Map.of());
    }

    private static ConsentService consent(boolean preferences) {
        return FormFixtures.consent(preferences);
    }

    private static HttpServletRequest request(boolean secure, String cookie) {
        return FormFixtures.request(secure, DraftCookie.COOKIE, cookie);
    }

    private HttpServletResponse response() {
        return FormFixtures.response(issued);
    }
}
