package org.cec.portal.analytics.internal.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagePathsTest {

    private static final String TOKEN43 = "Qm9yZGVyLWNvbGxpZGUtc2VjcmV0LXRva2VuLTEyMzQ";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/, /",
        "'', /",
        "/request, /request",
        "/privacy/choices, /privacy/choices",
        "/contractors, /contractors",
        "/contractors/, /contractors/",
        "/contractors/demo-sf-001, /contractors/{id}",
        "/contractors/sunny-solar, /contractors/{id}",
        "/contractors/choose, /contractors/choose",
        "/contractors/choose/" + TOKEN43 + ", /contractors/choose/{token}",
        "/contractors/choose/short, /contractors/choose/{token}",
        "/leads/" + TOKEN43 + ", /leads/{token}",
        "/out/sunny-solar, /out/{id}",
        "/request/draft/abc, /request/draft/{token}",
        "/email/unsubscribe/abc.def, /email/unsubscribe/{token}",
        "/privacy/opt-in/confirm/abc, /privacy/opt-in/confirm/{token}",
        "/services/insulation-air-sealing, /services/insulation-air-sealing",
        "/services/heat-pump-water-heater, /services/heat-pump-water-heater",
        "/partner/orders/123456, /partner/orders/{id}",
        "/partner/orders/order-12345, /partner/orders/{id}",
        "/partner/items/550e8400-e29b-41d4-a716-446655440000, /partner/items/{id}",
        "/partner/x/AbCdEfGhIjKlMnOpQrSt, /partner/x/{token}",
        "/partner/x/a1b2c3d4e5f6a7b8c9, /partner/x/{token}",
        "/partner/x/deadbeefcafe1234, /partner/x/{token}",
        "/partner/jane%40example.org/edit, /partner/{token}/edit",
        "/partner/jane@example.org, /partner/{token}",
        "/partner/a+b=, /partner/{token}",
        "/partner/%zz, /partner/{token}",
        "/request?email=jane@example.org&zip=94110, /request",
        "/request;jsessionid=ABC123DEF456, /request",
        "//request//step, /request/step",
        "/page/2, /page/2",
    })
    void replacesIdsAndTokensByPlaceholders(String raw, String expected) {
        assertEquals(expected, PagePaths.normalise(raw));
    }

    @Test
    void neverKeepsATokenOfTheChoiceLinkWhateverItsShape() {
        for (String token : new String[] {TOKEN43, "abc", "ABC-def_123", "x".repeat(200)}) {
            String path = PagePaths.normalise("/contractors/choose/" + token);
            assertEquals("/contractors/choose/{token}", path);
            assertFalse(path.contains(token));
        }
    }

    @Test
    void cutsLongPathsAndManySegments() {
        String many = "/a".repeat(40);
        String path = PagePaths.normalise(many);
        assertTrue(path.endsWith("/{more}"), path);
        assertTrue(path.length() <= PagePaths.MAX_LENGTH);
        String longSegments = ("/" + "word-".repeat(12) + "x").repeat(10);
        assertTrue(PagePaths.normalise(longSegments).length() <= PagePaths.MAX_LENGTH);
    }
}
