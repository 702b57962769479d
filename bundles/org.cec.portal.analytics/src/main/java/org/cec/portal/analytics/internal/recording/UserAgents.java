package org.cec.portal.analytics.internal.recording;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Locale;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * What a {@code User-Agent} says about a visitor's software: the browser family, the operating system
 * and the device class ({@code desktop}, {@code mobile}, {@code tablet}, {@code other}), read by the
 * ua-parser project's parser and its regular expressions ({@code uap-java}), or that it is a bot.
 *
 * <p>A known bot is what ua-parser calls the device "Spider", what carries one of a few common bot
 * markers ({@link #obviousBot}), and a request without a {@code User-Agent}. Parsing runs ~hundreds of
 * regular expressions, so results are kept in a small bounded cache: most visitors share a few
 * dozen user agents. Thread-safe.
 */
final class UserAgents {

    static final String DESKTOP = "desktop";
    static final String MOBILE = "mobile";
    static final String TABLET = "tablet";
    static final String OTHER = "other";

    /** The longest user agent read; longer ones are cut (no browser sends more). */
    static final int MAX_LENGTH = 512;

    /**
     * Markers, lower case, of crawlers, monitors, link previews and scripted clients that ua-parser
     * may not know as "Spider".
     */
    private static final List<String> BOT_MARKERS = List.of(
            "bot",
            "crawl",
            "spider",
            "slurp",
            "scrap",
            "headless",
            "phantomjs",
            "lighthouse",
            "pingdom",
            "uptime",
            "monitor",
            "preview",
            "facebookexternalhit",
            "mediapartners",
            "feedfetcher",
            "curl/",
            "wget/",
            "python-",
            "java/",
            "java-http-client",
            "go-http-client",
            "okhttp",
            "httpclient",
            "apache-httpclient",
            "libwww",
            "axios/",
            "node-fetch",
            "postmanruntime",
            "insomnia");

    private static final List<String> DESKTOP_OS = List.of(
            "windows", "mac os x", "macos", "linux", "ubuntu", "fedora", "debian", "chrome os", "freebsd", "openbsd");

    /** What the parser made of one user agent: empty fields for a bot. */
    record Agent(boolean bot, String browser, String os, String device) {
        static final Agent BOT = new Agent(true, null, null, null);
    }

    private final Parser parser;
    private final Cache<String, Agent> cache =
            Caffeine.newBuilder().maximumSize(5_000).build();

    /** Reads ua-parser's expressions (a YAML file inside the library; takes a moment). */
    UserAgents() {
        this.parser = new Parser();
    }

    /**
     * Whether the user agent is surely a bot without parsing it: missing, blank, or carrying a common
     * bot marker. Cheap enough for the request thread.
     */
    static boolean obviousBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String ua = userAgent.length() > MAX_LENGTH ? userAgent.substring(0, MAX_LENGTH) : userAgent;
        String lower = ua.toLowerCase(Locale.ROOT);
        for (String marker : BOT_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** The browser, operating system and device class of {@code userAgent}, or {@link Agent#BOT}. */
    Agent classify(String userAgent) {
        if (obviousBot(userAgent)) {
            return Agent.BOT;
        }
        String ua = userAgent.length() > MAX_LENGTH ? userAgent.substring(0, MAX_LENGTH) : userAgent;
        return cache.get(ua, this::parse);
    }

    private Agent parse(String ua) {
        Client client = parser.parse(ua);
        String device = client.device == null ? "Other" : client.device.family;
        if ("Spider".equals(device)) {
            return Agent.BOT;
        }
        String browser = family(client.userAgent == null ? null : client.userAgent.family);
        String os = family(client.os == null ? null : client.os.family);
        return new Agent(false, browser, os, deviceClass(ua, os, device));
    }

    /**
     * The device class: tablets and phones by what the parser found and by the markers browsers
     * send ({@code Mobi} for phones, Android without it for tablets), desktops by their operating
     * system, everything else (televisions, consoles, the unknown) {@code other}.
     */
    static String deviceClass(String ua, String os, String device) {
        String d = device == null ? "" : device.toLowerCase(Locale.ROOT);
        String o = os == null ? "" : os.toLowerCase(Locale.ROOT);
        boolean mobi = ua.contains("Mobi");
        if (d.contains("ipad")
                || d.contains("tablet")
                || d.contains("kindle")
                || ua.contains("Tablet")
                || (o.equals("android") && !mobi)) {
            return TABLET;
        }
        if (mobi
                || d.contains("iphone")
                || d.contains("ipod")
                || o.equals("ios")
                || o.equals("android")
                || o.contains("windows phone")) {
            return MOBILE;
        }
        if (d.contains("smart-tv") || d.contains("tv") || d.contains("playstation") || d.contains("xbox")) {
            return OTHER;
        }
        for (String desktop : DESKTOP_OS) {
            if (o.startsWith(desktop)) {
                return DESKTOP;
            }
        }
        return OTHER;
    }

    private static String family(String family) {
        if (family == null || family.isBlank()) {
            return "Other";
        }
        return family.length() <= 60 ? family : family.substring(0, 60);
    }
}
