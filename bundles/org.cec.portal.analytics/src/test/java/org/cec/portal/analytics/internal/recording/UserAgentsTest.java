package org.cec.portal.analytics.internal.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserAgentsTest {

    static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/126.0.0.0 Safari/537.36";
    static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    static final String SAFARI_IPAD = "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML,"
            + " like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    static final String CHROME_ANDROID_PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML,"
            + " like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
    static final String CHROME_ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    static final String FIREFOX_LINUX =
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101" + " Firefox/127.0";
    static final String SAFARI_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML,"
            + " like Gecko) Version/17.5 Safari/605.1.15";

    private static UserAgents agents;

    @BeforeAll
    static void parser() {
        agents = new UserAgents();
    }

    @ParameterizedTest(name = "{1} on {2}, {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                CHROME_WINDOWS + "|Chrome|Windows|desktop",
                SAFARI_IPHONE + "|Mobile Safari|iOS|mobile",
                SAFARI_IPAD + "|Mobile Safari|iOS|tablet",
                CHROME_ANDROID_PHONE + "|Chrome Mobile|Android|mobile",
                CHROME_ANDROID_TABLET + "|Chrome|Android|tablet",
                FIREFOX_LINUX + "|Firefox|Ubuntu|desktop",
                SAFARI_MAC + "|Safari|Mac OS X|desktop",
            })
    void readsBrowserSystemAndDeviceClass(String ua, String browser, String os, String device) {
        UserAgents.Agent agent = agents.classify(ua);
        assertFalse(agent.bot(), ua);
        assertEquals(browser, agent.browser());
        assertEquals(os, agent.os());
        assertEquals(device, agent.device());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
                "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
                "curl/8.5.0",
                "Wget/1.21.4",
                "python-requests/2.32.3",
                "Java-http-client/17.0.15",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0"
                        + " Safari/537.36",
                "",
                "   "
            })
    void knownBotsAndEmptyAgentsAreBots(String ua) {
        assertTrue(agents.classify(ua).bot(), ua);
        assertTrue(UserAgents.obviousBot(ua), ua);
    }

    @Test
    void aMissingUserAgentIsABot() {
        assertTrue(agents.classify(null).bot());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"Mozilla/5.0 (compatible; Qwantify/2.4w)", "ia_archiver", "Mozilla/5.0 (compatible; Yeti/1.1)"})
    void whatUaParserCallsASpiderIsABotThoughNoMarkerOfOursNamesIt(String ua) {
        assertFalse(UserAgents.obviousBot(ua), "no marker of ours in it");
        assertTrue(agents.classify(ua).bot(), ua);
    }

    @Test
    void browsersAreNotObviousBots() {
        for (String ua : new String[] {CHROME_WINDOWS, SAFARI_IPHONE, SAFARI_IPAD, FIREFOX_LINUX, SAFARI_MAC}) {
            assertFalse(UserAgents.obviousBot(ua), ua);
        }
    }
}
