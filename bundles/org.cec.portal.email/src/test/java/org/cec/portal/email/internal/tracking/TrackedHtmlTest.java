package org.cec.portal.email.internal.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cec.portal.email.internal.templates.TestRenderers;
import org.junit.jupiter.api.Test;

class TrackedHtmlTest {

    private static final String PIXEL = "https://portal.example.org/email/open/T";
    /** The pixel as the module's template renders it: withoutPixel must recognise exactly that. */
    private static final String PIXEL_HTML = TestRenderers.fragments().fragment("tracking/pixel", Map.of("url", PIXEL));

    private static final String UNSUBSCRIBE = "https://portal.example.org/email/unsubscribe/U";

    private final List<String> targets = new ArrayList<>();

    private String track(String html) {
        return TrackedHtml.track(html, PIXEL_HTML, UNSUBSCRIBE::equals, url -> {
            targets.add(url);
            return "https://portal.example.org/email/click/C" + targets.size();
        });
    }

    @Test
    void everyWebLinkButTheUnsubscribeLinkIsRewrittenAndThePixelGoesBeforeTheBodyEnds() {
        String html = "<html><body><p><a href=\"https://example.org/offers?season=spring&amp;lang=en\" style=\"x\">"
                + "Offers</a> <A class=\"b\" HREF='http://example.org/b'>B</A></p>"
                + "<p><a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a></p></body></html>";
        String tracked = track(html);
        assertEquals(List.of("https://example.org/offers?season=spring&lang=en", "http://example.org/b"), targets);
        assertTrue(
                tracked.contains("<a href=\"https://portal.example.org/email/click/C1\" style=\"x\">Offers</a>"),
                tracked);
        assertTrue(
                tracked.contains("<A class=\"b\" HREF=\"https://portal.example.org/email/click/C2\">B</A>"), tracked);
        assertTrue(
                tracked.contains("<a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a>"), "unsubscribe stays: " + tracked);
        assertFalse(tracked.contains("example.org/offers"), tracked);
        assertTrue(
                tracked.endsWith("<img src=\"" + PIXEL + "\" alt=\"\" width=\"1\" height=\"1\"></body></html>"),
                tracked);
    }

    @Test
    void staffSeeASentMessageWithoutItsPixelAndWithItsLinks() {
        String html = "<html><body><p><a href=\"https://example.org/offers\">Offers</a></p></body></html>";
        String tracked = track(html);
        String shown = TrackedHtml.withoutPixel(tracked);
        assertFalse(shown.contains("/email/open/"), shown);
        assertTrue(shown.contains("/email/click/C1"), "the links stay as the recipient got them: " + shown);
        assertEquals(tracked.replace("<img src=\"" + PIXEL + "\" alt=\"\" width=\"1\" height=\"1\">", ""), shown);
        assertEquals(html, TrackedHtml.withoutPixel(html), "an untracked message stays as it is");
    }

    @Test
    void linksThatAreNotWebLinksStayAndAFragmentGetsThePixelAtItsEnd() {
        String html = "<p><a href=\"mailto:info@example.org\">Mail</a> <a href=\"/relative\">R</a>"
                + " <a href=\"javascript:alert(1)\">J</a> <a href=\"#top\">T</a> <a name=\"x\">N</a>"
                + " <a data-href=\"https://example.org/d\">D</a> <img src=\"https://example.org/i.png\">"
                + " <a href=\"https://example.org/&#10;x\">C</a> <a href=https://example.org/unquoted>U</a></p>";
        String tracked = track(html);
        assertEquals(List.of(), targets);
        assertEquals(html + "<img src=\"" + PIXEL + "\" alt=\"\" width=\"1\" height=\"1\">", tracked);
    }

    @Test
    void characterReferencesOfTheLinkAreDecodedBeforeItIsSealed() {
        assertEquals(
                "https://e.org/?a=1&b='2'\"<>",
                TrackedHtml.decode("https://e.org/?a=1&amp;b=&#39;2&apos;&quot;&lt;&gt;"));
        assertEquals("x&y", TrackedHtml.decode("x&#x26;y"));
        assertEquals("&unknown;", TrackedHtml.decode("&unknown;"));
        track("<a href=\"https://e.org/?q=a&#38;b\">x</a>");
        assertEquals(List.of("https://e.org/?q=a&b"), targets);
    }

    @Test
    void onlyAbsoluteWebUrlsWithAHostCount() {
        assertTrue(TrackedHtml.isWebUrl("https://example.org/a?b=c"));
        assertTrue(TrackedHtml.isWebUrl("HTTP://example.org"));
        assertFalse(TrackedHtml.isWebUrl("https:///nohost"));
        assertFalse(TrackedHtml.isWebUrl("//example.org/a"));
        assertFalse(TrackedHtml.isWebUrl("ftp://example.org/a"));
        assertFalse(TrackedHtml.isWebUrl("https://example.org/a\r\nSet-Cookie: x"));
        assertFalse(TrackedHtml.isWebUrl(""));
        assertFalse(TrackedHtml.isWebUrl(null));
    }
}
