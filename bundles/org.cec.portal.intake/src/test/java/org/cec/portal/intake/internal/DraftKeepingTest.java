package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
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
import org.cec.portal.api.web.CookieProtection;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The form flow's one collaborator for drafts: which draft a post names, what it keeps, and what the
 * next page carries, at each point the flow calls it. The drafts are real, in the module's tables.
 */
class DraftKeepingTest {

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
    void withTheConsentAValidStepIsKeptAndTheNextPageCarriesItsDraft() {
        HttpServletRequest request = post(null, null);
        HttpServletResponse response = response();
        DraftKeeping keeping = DraftKeeping.forPost(cookies(true), drafts, request, response);
        assertEquals("", keeping.pageToken());

        keeping.keep(adult(), Map.of());

        assertTrue(keeping.kept());
        assertTrue(DraftStore.looksLikeToken(keeping.pageToken()));
        assertEquals(keeping.pageToken(), keeping.submissionToken());
        assertEquals(1, drafts.count());
        assertEquals(DraftCookie.COOKIE, issued.get(0).getName());
        verify(response).setHeader("Cache-Control", "no-store");
    }

    @Test
    void aFieldThatCannotBeKeptAsItIsKeepsNothing() {
        DraftKeeping keeping = DraftKeeping.forPost(cookies(true), drafts, post(null, null), response());
        keeping.keep(adult(), Map.of("services", "Choose each service only once."));
        assertFalse(keeping.kept());
        assertEquals(0, drafts.count());
        assertTrue(issued.isEmpty());
    }

    @Test
    void withoutTheConsentTheDraftKeptForItGoesAndNothingIsKept() {
        String token = drafts.keep(adult(), "").token();
        DraftKeeping keeping = DraftKeeping.forPost(cookies(false), drafts, post(token, null), response());
        assertEquals(0, drafts.count(), "withdrawn when the post was opened");

        keeping.keep(adult(), Map.of());
        assertFalse(keeping.kept());
        assertEquals(0, drafts.count());
    }

    @Test
    void theDraftOfTheCookieIsUsedWhenThePageNamesNone() {
        DraftCookie cookies = cookies(true);
        DraftKeeping first = DraftKeeping.forPost(cookies, drafts, post(null, null), response());
        first.keep(adult(), Map.of());
        String sealed = issued.get(0).getValue();

        DraftKeeping next = DraftKeeping.forPost(cookies, drafts, post(null, sealed), response());
        assertEquals(first.pageToken(), next.submissionToken(), "the cookie's draft is the one submitted");
        assertEquals("", next.pageToken(), "until it is kept again, the page carries none");
    }

    @Test
    void anUnderThirteenAnswerForgetsEveryDraftAndThePageCarriesNone() {
        String asked = drafts.save(adult(), "");
        DraftKeeping keeping = DraftKeeping.forPost(cookies(true), drafts, post(asked, null), response());
        assertEquals(asked, keeping.pageToken());

        keeping.forgetAll();

        assertEquals("", keeping.pageToken());
        assertEquals("", keeping.submissionToken());
        assertEquals(0, drafts.count(), "even a draft the visitor asked for");
    }

    @Test
    void aPageThatIsOnlyShownKeepsNothing() {
        HttpServletResponse response = response();
        DraftKeeping page = DraftKeeping.forPage(cookies(true), drafts, post(null, null), response);
        page.keep(adult(), Map.of());
        assertFalse(page.kept());
        assertEquals(0, drafts.count());
        verify(response, never()).addCookie(org.mockito.ArgumentMatchers.any());
    }

    private DraftCookie cookies(boolean consent) {
        return new DraftCookie(keys, drafts, FormFixtures.consent(consent));
    }

    /** A post naming {@code draft} in its hidden field (none when null), with the draft cookie {@code cookie}. */
    private static HttpServletRequest post(String draft, String cookie) {
        HttpServletRequest request = FormFixtures.request(false, DraftCookie.COOKIE, cookie);
        when(request.getParameter("draft")).thenReturn(draft);
        return request;
    }

    private HttpServletResponse response() {
        return FormFixtures.response(issued);
    }

    private static FormState adult() {
        return FormFixtures.typed(
                "Ada Lovelace", "ada@example.com", Validator.AGE_ADULT, List.of("heat-pump"), Map.of());
    }
}
