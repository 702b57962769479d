package org.cec.portal.consent.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The operator's consent settings (PID {@value #PID}): the privacy policy and its version, the banner
 * text, whether Do Not Track and Global Privacy Control are honoured, and how long a choice is kept.
 * Changing the version asks every visitor again.
 */
@Component(service = ConsentSettings.class, configurationPid = ConsentSettings.PID)
@Designate(ocd = ConsentSettings.Config.class)
public final class ConsentSettings {

    public static final String PID = "org.cec.portal.consent";

    /** What a policy version may look like (it is carried in the consent cookie). */
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    static final String DEFAULT_BANNER = "We use one cookie to keep the site secure and one to remember this choice."
            + " With your permission we would also remember what you type into forms, count page visits"
            + " ourselves (no third parties), and send you our newsletter and measure whether it is read."
            + " Nothing optional happens until you choose, and you can change your mind at any time.";

    /**
     * The built-in policy. It lives here, not in the attribute's default, because component
     * descriptors (XML attributes) would turn its line breaks into spaces.
     */
    static final String DEFAULT_POLICY = "## Who we are\n"
            + "This portal is run by a nonprofit that connects homeowners with qualified clean-energy contractors."
            + " This page says what the portal does with your data. It describes this portal as it is installed;"
            + " parts that are not switched on here do nothing.\n\n"
            + "## Cookies\n"
            + "Strictly necessary, always on: cec_csrf protects forms against forged requests (a random value, set"
            + " only when a page shows a form); cec_consent remembers your privacy choices (a receipt number and"
            + " your choices; it expires after some months, and then we ask again). Both are sent only to this site, cannot be read by scripts"
            + " and are signed so nobody can change them.\n\n"
            + "Optional, only with your permission: preferences (remembering the contact fields of a form you"
            + " filled in, so you need not type them again, in an encrypted cookie; and keeping a service request"
            + " you have started but not sent on our server, so you can finish it later: it is deleted when you"
            + " send it, start over, say you are under 13 or withdraw this permission, and at the latest 30 days"
            + " after you last changed it, unless the operator set another period), analytics (counting which pages are used, measured by"
            + " this portal itself, never by a third party), marketing (our newsletter and other commercial email,"
            + " and measuring whether it is opened or clicked).\n\n"
            + "## No third parties in your browser\n"
            + "No page of this portal loads anything from another site: no advertising, no social media buttons, no"
            + " externally hosted fonts or scripts.\n\n"
            + "## Do Not Track and Global Privacy Control\n"
            + "If your browser sends Do Not Track or Global Privacy Control, we treat it as a refusal of analytics"
            + " and marketing and as an objection to sharing your postal address with contractors. If you then"
            + " switch something on yourself, your explicit choice counts.\n\n"
            + "## Your requests and contractors\n"
            + "When you ask for a service, we keep what you enter to handle your request. We share your contact"
            + " details only with the contractors you choose to contact.\n\n"
            + "## Opting out by email\n"
            + "On the privacy choices page you can enter your email address to stop all commercial email and to"
            + " forbid sharing your postal address with contractors. This takes effect immediately and needs no"
            + " confirmation. Opting back in takes effect only after you confirm it from that address.\n\n"
            + "## What we record about your choice\n"
            + "For every choice we store a receipt: a random receipt number (also in your cookie), what you allowed"
            + " and refused, the policy version and a fingerprint of the texts you were shown, whether your browser"
            + " sent Do Not Track or Global Privacy Control, and the time. We do not store your IP address or"
            + " browser details with it.\n\n"
            + "## Your rights\n"
            + "You may ask what we hold about you, have it corrected or erased, and object to its use. Contact the"
            + " operator named at the bottom of every page.";

    @ObjectClassDefinition(
            name = "CEC Portal: consent and privacy policy",
            description = "The privacy policy, the cookie banner and how tracking signals are honoured.")
    public @interface Config {
        @AttributeDefinition(
                name = "Policy version",
                description = "Change it whenever the policy or the banner changes in substance: every visitor is"
                        + " then asked again. Letters, digits, '.', '_' and '-', at most 32 characters.")
        String policy_version() default "2026-1";

        @AttributeDefinition(
                name = "Privacy policy",
                description = "The text of /privacy; empty for the built-in policy that describes this portal."
                        + " Paragraphs are separated by an empty line (in a .cfg file: \\n\\n); a line starting"
                        + " with '## ' is a heading.",
                type = AttributeType.STRING)
        String policy_text() default "";

        @AttributeDefinition(name = "Banner text", description = "The explanation in the cookie banner.")
        String banner_text() default DEFAULT_BANNER;

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

    private final String policyVersion;
    private final String policyText;
    private final String bannerText;
    private final boolean honourDnt;
    private final boolean honourGpc;
    private final Duration choiceMaxAge;
    private final String policyHash;
    private final String bannerHash;

    @Activate
    public ConsentSettings(Config config) {
        String version =
                config.policy_version() == null ? "" : config.policy_version().strip();
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException(
                    "policy.version must be 1 to 32 of letters, digits, '.', '_', '-', starting with a letter or digit");
        }
        if (config.banner_text() == null || config.banner_text().isBlank()) {
            throw new IllegalArgumentException("banner.text must not be empty");
        }
        if (config.choice_max_age_days() < 1 || config.choice_max_age_days() > 395) {
            throw new IllegalArgumentException("choice.max.age.days must be between 1 and 395");
        }
        this.policyVersion = version;
        String text = config.policy_text() == null ? "" : config.policy_text().strip();
        this.policyText = text.isEmpty() ? DEFAULT_POLICY : text.replace("\r\n", "\n");
        this.bannerText = config.banner_text().strip();
        this.honourDnt = config.honour_dnt();
        this.honourGpc = config.honour_gpc();
        this.choiceMaxAge = Duration.ofDays(config.choice_max_age_days());
        this.policyHash = sha256(policyVersion + "\n" + policyText);
        this.bannerHash = sha256(bannerText);
    }

    public String policyVersion() {
        return policyVersion;
    }

    public String policyText() {
        return policyText;
    }

    public String bannerText() {
        return bannerText;
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

    /** SHA-256 (hex) of the version and the policy text: what a receipt records as "the policy shown". */
    public String policyHash() {
        return policyHash;
    }

    /** SHA-256 (hex) of the banner text. */
    public String bannerHash() {
        return bannerHash;
    }

    /** The policy text as headings and paragraphs. */
    public List<Block> policyBlocks() {
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
