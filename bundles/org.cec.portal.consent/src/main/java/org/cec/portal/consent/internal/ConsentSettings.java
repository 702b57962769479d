package org.cec.portal.consent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.cec.portal.api.i18n.Languages;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's consent settings (PID {@value #PID}): the privacy policy and its version and date, the
 * banner text (both per language: built in, or the operator's), whether Do Not Track and Global Privacy Control are honoured, and how long a choice is kept.
 * Changing the version asks every visitor again.
 */
@Component(service = ConsentSettings.class, configurationPid = ConsentSettings.PID)
@Designate(ocd = ConsentSettings.Config.class)
public final class ConsentSettings {

    public static final String PID = "org.cec.portal.consent";

    /** What a policy version may look like (it is carried in the consent cookie). */
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    /**
     * Where the built-in texts live: {@code policy_<language>.md} and {@code banner_<language>.txt}, one
     * file per language. Files, not message bundles: they are the texts a receipt's hashes stand for,
     * read once from this bundle itself (a fragment cannot change them under a hash), and the policy
     * keeps its paragraphs and headings readable where it is written.
     */
    static final String BUILT_IN = "/policy/";

    /**
     * The built-in English banner of policy version 2026-1 ({@code policy/banner_2026-1_en.txt}), the
     * attribute's default then: a configuration saved from the console holds it, and it still means
     * "the built-in banner".
     */
    static final String BANNER_2026_1 = builtIn("banner_2026-1_en.txt");

    @ObjectClassDefinition(
            name = "CEC Portal: consent and privacy policy",
            description = "The privacy policy, the cookie banner and how tracking signals are honoured. The"
                    + " policy and the banner exist in English and Spanish; an operator who replaces one"
                    + " language should replace the other too (see docs/operations.md).")
    public @interface Config {
        @AttributeDefinition(
                name = "Policy version",
                description = "Change it whenever the policy or the banner changes in substance: every visitor is"
                        + " then asked again. Letters, digits, '.', '_' and '-', at most 32 characters.")
        String policy_version() default "2026-2";

        @AttributeDefinition(
                name = "Policy date",
                description = "The date the policy version took effect (yyyy-MM-dd), shown on /privacy.")
        String policy_date() default "2026-12-02";

        @AttributeDefinition(
                name = "Privacy policy (English)",
                description = "The text of /privacy in English; empty for the built-in policy that describes this"
                        + " portal. Paragraphs are separated by an empty line (in a .cfg file: \\n\\n); a line"
                        + " starting with '## ' is a heading.",
                type = AttributeType.STRING)
        String policy_text() default "";

        @AttributeDefinition(
                name = "Privacy policy (Spanish)",
                description = "The same policy in Spanish; empty for the built-in one. If only one language is"
                        + " replaced, visitors of the other see that text, marked as being in its language.",
                type = AttributeType.STRING)
        String policy_text_es() default "";

        @AttributeDefinition(
                name = "Banner text (English)",
                description = "The explanation in the cookie banner, in English; empty for the built-in one.")
        String banner_text() default "";

        @AttributeDefinition(
                name = "Banner text (Spanish)",
                description = "The same explanation in Spanish; empty for the built-in one.")
        String banner_text_es() default "";

        @AttributeDefinition(
                name = "Honour Do Not Track",
                description = "Treat DNT: 1 as a refusal of analytics and marketing and of address sharing"
                        + " until the visitor explicitly opts in.")
        boolean honour_dnt() default true;

        @AttributeDefinition(
                name = "Honour Global Privacy Control",
                description = "Treat Sec-GPC: 1 like Do Not Track (above).")
        boolean honour_gpc() default true;

        @AttributeDefinition(
                name = "Choice kept for (days)",
                description = "Lifetime of the consent cookie; the visitor is asked again afterwards (1 to 395).")
        int choice_max_age_days() default 180;
    }

    /** A heading or a paragraph of the policy text. */
    public record Block(boolean heading, String text) {}

    /**
     * The policy and banner a visitor of one language is shown, with their hashes (what a receipt
     * records). {@code policyLanguage} and {@code bannerLanguage} are the languages the texts are
     * written in: the page's own, or another when the operator replaced only that language's text.
     */
    public record Texts(
            Locale language,
            String policyText,
            Locale policyLanguage,
            String bannerText,
            Locale bannerLanguage,
            String policyHash,
            String bannerHash) {

        /** The language tag a receipt stores: {@code en} or {@code es}. */
        public String tag() {
            return language.getLanguage();
        }

        /** Whether the policy is shown in another language than the page's (the operator gave no text in this one). */
        public boolean policyFallback() {
            return !policyLanguage.getLanguage().equals(language.getLanguage());
        }

        /** Whether the banner text is in another language than the page's. */
        public boolean bannerFallback() {
            return !bannerLanguage.getLanguage().equals(language.getLanguage());
        }

        /** The policy text as headings and paragraphs. */
        public List<Block> policyBlocks() {
            return blocks(policyText);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConsentSettings.class);

    private final String policyVersion;
    private final LocalDate policyDate;
    private final boolean honourDnt;
    private final boolean honourGpc;
    private final Duration choiceMaxAge;
    private final Map<String, Texts> texts;

    @Activate
    public ConsentSettings(Config config) {
        String version =
                config.policy_version() == null ? "" : config.policy_version().strip();
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException(
                    "policy.version must be 1 to 32 of letters, digits, '.', '_', '-', starting with a letter or digit");
        }
        if (config.choice_max_age_days() < 1 || config.choice_max_age_days() > 395) {
            throw new IllegalArgumentException("choice.max.age.days must be between 1 and 395");
        }
        try {
            this.policyDate = LocalDate.parse(
                    config.policy_date() == null ? "" : config.policy_date().strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("policy.date must be a date written yyyy-MM-dd, such as 2026-12-02");
        }
        this.policyVersion = version;
        this.honourDnt = config.honour_dnt();
        this.honourGpc = config.honour_gpc();
        this.choiceMaxAge = Duration.ofDays(config.choice_max_age_days());

        Map<Locale, String> policies = new LinkedHashMap<>();
        Map<Locale, String> banners = new LinkedHashMap<>();
        for (Locale language : Languages.SUPPORTED) {
            policies.put(language, builtIn("policy_" + language.getLanguage() + ".md"));
            banners.put(language, builtIn("banner_" + language.getLanguage() + ".txt"));
        }
        Map<Locale, String> policyOverrides = overrides(perLanguage(config.policy_text(), config.policy_text_es()));
        Map<Locale, String> bannerOverrides =
                overrides(perLanguage(config.banner_text(), config.banner_text_es()), BANNER_2026_1);
        Map<String, Texts> byLanguage = new LinkedHashMap<>();
        for (Locale language : Languages.SUPPORTED) {
            Locale policyLanguage = shownIn(language, policyOverrides);
            Locale bannerLanguage = shownIn(language, bannerOverrides);
            String policy = policyOverrides.isEmpty() ? policies.get(language) : policyOverrides.get(policyLanguage);
            String banner = bannerOverrides.isEmpty() ? banners.get(language) : bannerOverrides.get(bannerLanguage);
            byLanguage.put(
                    language.getLanguage(),
                    new Texts(
                            language,
                            policy,
                            policyLanguage,
                            banner,
                            bannerLanguage,
                            sha256(version + "\n" + policy),
                            sha256(banner)));
            warnIfShownInAnother("policy", language, policyLanguage);
            warnIfShownInAnother("banner", language, bannerLanguage);
        }
        this.texts = Map.copyOf(byLanguage);
    }

    private static void warnIfShownInAnother(String what, Locale language, Locale shown) {
        if (!shown.equals(language)) {
            LOG.warn(
                    "The operator replaced the {} text in '{}' only: visitors reading '{}' are shown that text,"
                            + " marked as written in '{}', until it is configured in their language too",
                    what,
                    shown.getLanguage(),
                    language.getLanguage(),
                    shown.getLanguage());
        }
    }

    private static Map<Locale, String> perLanguage(String english, String spanish) {
        Map<Locale, String> configured = new HashMap<>();
        configured.put(Languages.ENGLISH, english);
        configured.put(Languages.SPANISH, spanish);
        return configured;
    }

    /**
     * The texts the operator configured per language, without those that are empty or equal to a
     * former default of the attribute (which still means "the built-in text").
     */
    private static Map<Locale, String> overrides(Map<Locale, String> configured, String... formerDefaults) {
        Map<Locale, String> result = new LinkedHashMap<>();
        for (Locale language : Languages.SUPPORTED) {
            String text = normalise(configured.get(language));
            if (text.isEmpty() || List.of(formerDefaults).contains(text)) {
                continue;
            }
            result.put(language, text);
        }
        return result;
    }

    /**
     * The language whose text a visitor of {@code language} is shown: their own when the operator gave
     * it or replaced no language at all; otherwise the first language the operator did write (the
     * built-in text no longer describes the operator's policy in substance).
     */
    private static Locale shownIn(Locale language, Map<Locale, String> overrides) {
        if (overrides.isEmpty() || overrides.containsKey(language)) {
            return language;
        }
        return overrides.keySet().iterator().next();
    }

    private static String normalise(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").strip();
    }

    private static String builtIn(String file) {
        try (InputStream in = ConsentSettings.class.getResourceAsStream(BUILT_IN + file)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + file + " is missing from the bundle");
            }
            return normalise(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String policyVersion() {
        return policyVersion;
    }

    /** The date the policy version took effect. */
    public LocalDate policyDate() {
        return policyDate;
    }

    /** The texts for a visitor reading {@code language} (English for a language the portal does not speak). */
    public Texts texts(Locale language) {
        Texts t = texts.get(language.getLanguage());
        return t != null ? t : texts.get(Languages.ENGLISH.getLanguage());
    }

    public boolean honourDnt() {
        return honourDnt;
    }

    public boolean honourGpc() {
        return honourGpc;
    }

    public Duration choiceMaxAge() {
        return choiceMaxAge;
    }

    /** A policy text as headings and paragraphs. */
    static List<Block> blocks(String policyText) {
        List<Block> blocks = new ArrayList<>();
        for (String part : policyText.split("\n\\s*\n")) {
            StringBuilder paragraph = new StringBuilder();
            for (String line : part.strip().split("\n")) {
                if (line.startsWith("## ")) {
                    if (paragraph.length() > 0) {
                        blocks.add(new Block(false, paragraph.toString()));
                        paragraph.setLength(0);
                    }
                    blocks.add(new Block(true, line.substring(3).strip()));
                } else if (!line.isBlank()) {
                    paragraph.append(paragraph.length() > 0 ? " " : "").append(line.strip());
                }
            }
            if (paragraph.length() > 0) {
                blocks.add(new Block(false, paragraph.toString()));
            }
        }
        return blocks;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
