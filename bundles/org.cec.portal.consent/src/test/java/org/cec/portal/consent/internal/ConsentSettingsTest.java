package org.cec.portal.consent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.cec.portal.api.i18n.Languages;
import org.junit.jupiter.api.Test;

class ConsentSettingsTest {

    private static final Locale EN = Languages.ENGLISH;
    private static final Locale ES = Languages.SPANISH;

    private static ConsentSettings settings(String policy, String policyEs, String banner, String bannerEs) {
        return new ConsentSettings(
                Fakes.config("v1", "2026-12-02", policy, policyEs, banner, bannerEs, true, true, 180));
    }

    @Test
    void theBuiltInPolicyHasHeadingsAndParagraphsInEnglishAndSpanish() {
        ConsentSettings s = Fakes.settings("1");
        List<ConsentSettings.Block> en = s.texts(EN).policyBlocks();
        List<ConsentSettings.Block> es = s.texts(ES).policyBlocks();
        assertEquals(new ConsentSettings.Block(true, "Who we are"), en.get(0));
        assertEquals(new ConsentSettings.Block(true, "Quiénes somos"), es.get(0));
        assertTrue(en.size() > 10, en.toString());
        assertEquals(en.size(), es.size(), "the Spanish policy has the same headings and paragraphs");
        for (int i = 0; i < en.size(); i++) {
            assertEquals(en.get(i).heading(), es.get(i).heading(), "block " + i);
        }
        assertTrue(en.stream().noneMatch(b -> b.text().contains("## ")), en.toString());
        assertFalse(s.texts(ES).policyFallback());
        assertFalse(s.texts(ES).bannerFallback());
    }

    @Test
    void theBuiltInPoliciesNameEveryStrictlyNecessaryCookieWithTheLanguageCookie() {
        ConsentSettings s = Fakes.settings("1");
        for (Locale language : Languages.SUPPORTED) {
            String policy = s.texts(language).policyText();
            for (String cookie : List.of("cec_csrf", "cec_consent", "cec_lang")) {
                assertTrue(policy.contains(cookie), language + " policy names " + cookie);
            }
            assertTrue(policy.contains("\"en\" or \"es\"") || policy.contains("\"en\" o \"es\""), language.toString());
        }
    }

    @Test
    void eachLanguageHasItsOwnTextsAndHashes() {
        ConsentSettings s = Fakes.settings("1");
        ConsentSettings.Texts en = s.texts(EN);
        ConsentSettings.Texts es = s.texts(ES);
        assertEquals("en", en.tag());
        assertEquals("es", es.tag());
        assertTrue(es.bannerText().startsWith("Solo usamos"), es.bannerText());
        assertNotEquals(en.policyHash(), es.policyHash());
        assertNotEquals(en.bannerHash(), es.bannerHash());
        assertEquals(ConsentSettings.sha256("1\n" + es.policyText()), es.policyHash(), "version and text");
        assertEquals(ConsentSettings.sha256(es.bannerText()), es.bannerHash());
        assertEquals(en, s.texts(Locale.GERMAN), "a language the portal does not speak gets English");
    }

    @Test
    void theHashesChangeWithVersionAndText() {
        assertNotEquals(
                Fakes.settings("1").texts(EN).policyHash(),
                Fakes.settings("2").texts(EN).policyHash());
        assertNotEquals(
                Fakes.settings("1").texts(ES).policyHash(),
                Fakes.settings("2").texts(ES).policyHash());
        assertNotEquals(
                Fakes.settings("1").texts(EN).policyHash(),
                Fakes.settings("1", "other", true, true).texts(EN).policyHash());
        assertEquals(64, Fakes.settings("1").texts(ES).bannerHash().length());
    }

    @Test
    void anOperatorsPolicyIsSplitOnEmptyLines() {
        ConsentSettings s = settings("## A\r\nfirst\nline\n\nsecond", "## A\nprimera\n\nsegunda", "", "");
        assertEquals(
                List.of(
                        new ConsentSettings.Block(true, "A"),
                        new ConsentSettings.Block(false, "first line"),
                        new ConsentSettings.Block(false, "second")),
                s.texts(EN).policyBlocks());
        assertEquals(
                new ConsentSettings.Block(false, "primera"),
                s.texts(ES).policyBlocks().get(1));
        assertFalse(s.texts(ES).policyFallback());
    }

    @Test
    void anOperatorWhoReplacesOnlyTheEnglishPolicyHasItShownToSpanishVisitorsMarkedAsEnglish() {
        ConsentSettings s = settings("## Ours\nOur own policy.", "", "", "");
        ConsentSettings.Texts es = s.texts(ES);
        assertTrue(es.policyFallback(), "never the built-in Spanish policy, which says something else");
        assertEquals("en", es.policyLanguage().getLanguage());
        assertEquals("## Ours\nOur own policy.", es.policyText());
        assertEquals(s.texts(EN).policyHash(), es.policyHash(), "the hash of the text shown");
        assertEquals("es", es.tag(), "the page's language is still recorded");
        assertFalse(es.bannerFallback(), "the banners are independent of the policy");
        assertFalse(s.texts(EN).policyFallback());
    }

    @Test
    void anOperatorWhoReplacesOnlyTheSpanishBannerHasItShownToEnglishVisitorsMarkedAsSpanish() {
        ConsentSettings s = settings("", "", "", "Nuestro propio texto.");
        ConsentSettings.Texts en = s.texts(EN);
        assertTrue(en.bannerFallback());
        assertEquals("es", en.bannerLanguage().getLanguage());
        assertEquals("Nuestro propio texto.", en.bannerText());
        assertEquals(s.texts(ES).bannerHash(), en.bannerHash());
        assertFalse(en.policyFallback());
    }

    @Test
    void theFormerDefaultBannerSavedFromTheConsoleStillMeansTheBuiltInBanners() {
        ConsentSettings s = settings("", "", ConsentSettings.BANNER_2026_1, "");
        assertFalse(s.texts(ES).bannerFallback());
        assertEquals(Fakes.settings("v1").texts(EN).bannerText(), s.texts(EN).bannerText());
    }

    @Test
    void thePolicyDateIsRead() {
        assertEquals(LocalDate.of(2026, 12, 2), Fakes.settings("1").policyDate());
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> Fakes.settings("a b"));
        assertThrows(IllegalArgumentException.class, () -> Fakes.settings("v~1"));
        assertThrows(
                IllegalArgumentException.class, () -> new ConsentSettings(Fakes.config("1", "", "b", true, true, 0)));
        IllegalArgumentException date = assertThrows(
                IllegalArgumentException.class,
                () -> new ConsentSettings(Fakes.config("1", "2.12.2026", "", "", "", "", true, true, 180)));
        assertTrue(date.getMessage().contains("policy.date"), date.getMessage());
    }
}
