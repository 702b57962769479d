package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.web.CookieProtection;
import org.cec.portal.testing.TestCookieProtection;
import org.junit.jupiter.api.Test;

class PrefillTest {

    private static final Validator.ValidRequest ADA = new Validator.ValidRequest(
            "Ada Lovelace",
            "ada@example.com",
            "+14155550134",
            "San Francisco",
            "94110-1234",
            "1 Main St, Apt <3>",
            "email",
            List.of(),
            List.of());

    private final CookieProtection keys = TestCookieProtection.random();
    private final List<Cookie> issued = new ArrayList<>();

    @Test
    void withThePreferencesConsentTheContactFieldsRoundTripInASealedCookie() {
        Prefill prefill = new Prefill(keys, consent(true), Duration.ofDays(90));
        prefill.remember(request(false, null), response(), ADA);
        assertEquals(1, issued.size());
        Cookie cookie = issued.get(0);
        assertEquals(Prefill.COOKIE, cookie.getName());
        assertTrue(cookie.isHttpOnly());
        assertFalse(cookie.getSecure(), "plain HTTP");
        assertEquals("Lax", cookie.getAttribute("SameSite"));
        assertEquals("/request", cookie.getPath());
        assertEquals(90 * 24 * 3600, cookie.getMaxAge());
        assertFalse(cookie.getValue().contains("Ada") || cookie.getValue().contains("example"), "encrypted");

        Map<String, String> read = prefill.read(request(false, cookie.getValue()), response());
        assertEquals(
                Map.of(
                        "name", "Ada Lovelace",
                        "email", "ada@example.com",
                        "phone", "(415) 555-0134",
                        "city", "San Francisco",
                        "zip", "94110-1234",
                        "address", "1 Main St, Apt <3>"),
                read);
    }

    @Test
    void onHttpsTheCookieIsSecure() {
        new Prefill(keys, consent(true), Duration.ofDays(90)).remember(request(true, null), response(), ADA);
        assertTrue(issued.get(0).getSecure());
    }

    @Test
    void withoutTheConsentOrWithoutAConsentServiceNothingIsSet() {
        new Prefill(keys, consent(false), Duration.ofDays(90)).remember(request(false, null), response(), ADA);
        new Prefill(keys, null, Duration.ofDays(90)).remember(request(false, null), response(), ADA);
        assertTrue(issued.isEmpty());
    }

    @Test
    void turnedOffNothingIsSetOrRead() {
        String sealed = sealedCookie();
        issued.clear();
        Prefill off = new Prefill(keys, consent(true), Duration.ZERO);
        off.remember(request(false, null), response(), ADA);
        assertTrue(issued.isEmpty());
        assertEquals(Map.of(), off.read(request(false, sealed), response()));
    }

    @Test
    void afterTheConsentIsWithdrawnTheCookieIsIgnoredAndExpired() {
        String sealed = sealedCookie();
        issued.clear();
        Prefill withdrawn = new Prefill(keys, consent(false), Duration.ofDays(90));
        assertEquals(Map.of(), withdrawn.read(request(false, sealed), response()));
        assertEquals(1, issued.size());
        assertEquals(0, issued.get(0).getMaxAge(), "expired");
        issued.clear();
        withdrawn.remember(request(false, sealed), response(), ADA);
        assertEquals(0, issued.get(0).getMaxAge(), "a new submission without consent forgets it too");
    }

    @Test
    void aTamperedForeignOrGarbageCookieIsIgnored() {
        String sealed = sealedCookie();
        Prefill prefill = new Prefill(keys, consent(true), Duration.ofDays(90));
        char[] chars = sealed.toCharArray();
        int middle = chars.length / 2;
        chars[middle] = chars[middle] == '7' ? '3' : '7'; // a digit: Jetty's header cache matches values ignoring case
        String foreign = TestCookieProtection.random().seal(Prefill.encode(Map.of("name", "Eve")));
        for (String bad : List.of(
                new String(chars),
                sealed.substring(0, sealed.length() - 1),
                foreign,
                "garbage",
                "%%%",
                "x".repeat(5000))) {
            assertEquals(Map.of(), prefill.read(request(false, bad), response()), bad);
        }
    }

    @Test
    void aGenuineCookieWithImplausibleContentIsIgnored() {
        Prefill prefill = new Prefill(keys, consent(true), Duration.ofDays(90));
        for (String inside : List.of(
                "p1&name=Ada",
                "p2&name=A&email=b&phone=c&city=d&zip=e&address=f",
                "p1&email=b&name=A&phone=c&city=d&zip=e&address=f",
                "p1&name=" + "A".repeat(101) + "&email=b&phone=c&city=d&zip=e&address=f",
                "p1&name=A%00&email=b&phone=c&city=d&zip=e&address=f",
                "p1&name=%ZZ&email=b&phone=c&city=d&zip=e&address=f",
                "p1&name=A&email=b&phone=c&city=d&zip=e&address=f&extra=g")) {
            assertEquals(Map.of(), prefill.read(request(false, keys.seal(inside)), response()), inside);
        }
        assertEquals(
                "Ann",
                prefill.read(request(false, keys.seal("p1&name=Ann&email=&phone=&city=&zip=&address=")), response())
                        .get("name"));
    }

    private String sealedCookie() {
        new Prefill(keys, consent(true), Duration.ofDays(90)).remember(request(false, null), response(), ADA);
        return issued.get(0).getValue();
    }

    private static ConsentService consent(boolean preferences) {
        return FormFixtures.consent(preferences);
    }

    private static HttpServletRequest request(boolean secure, String cookie) {
        return FormFixtures.request(secure, Prefill.COOKIE, cookie);
    }

    private HttpServletResponse response() {
        return FormFixtures.response(issued);
    }
}
