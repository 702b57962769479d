package org.cec.portal.email.internal;

import java.net.URI;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.LoggerFactory;

/**
 * The operator's email settings (PID {@value #PID}): the base of links in messages, the postal address
 * commercial mail carries, and how the sender works through the outbox.
 */
@Component(service = EmailSettings.class, configurationPid = EmailSettings.PID)
@Designate(ocd = EmailSettings.Config.class)
public final class EmailSettings {

    public static final String PID = "org.cec.portal.email";

    @ObjectClassDefinition(
            name = "CEC Portal: email",
            description = "Links and postal address in messages, and how the outbox is sent.")
    public @interface Config {
        @AttributeDefinition(
                name = "Public URL",
                description = "The portal's address as recipients reach it, the base of every link in a message"
                        + " (for example https://portal.example.org).")
        String public_url() default "http://localhost:8080";

        @AttributeDefinition(
                name = "Postal address",
                description = "The operator's postal address, printed in every commercial message. While it is"
                        + " empty, commercial messages are refused.")
        String postal_address() default "";

        @AttributeDefinition(
                name = "Sender threads",
                description = "How many messages are handed to the transport at the same time (1 to 32).",
                min = "1",
                max = "32")
        int sender_threads() default 4;

        @AttributeDefinition(
                name = "Batch size",
                description = "How many messages one sender thread claims from the outbox at once (1 to 500).",
                min = "1",
                max = "500")
        int sender_batch() default 50;

        @AttributeDefinition(
                name = "Attempts",
                description = "How often a message is tried before it is given up as failed (1 to 50).",
                min = "1",
                max = "50")
        int retry_attempts() default 10;

        @AttributeDefinition(
                name = "First retry delay (seconds)",
                description = "The delay before the second attempt; it doubles with each further attempt.",
                min = "1")
        int retry_delay_seconds() default 30;

        @AttributeDefinition(
                name = "Longest retry delay (seconds)",
                description = "The delay between attempts grows up to this.",
                min = "1")
        int retry_max_delay_seconds() default 3600;

        @AttributeDefinition(
                name = "Claim lease (seconds)",
                description = "How long a node may hold claimed messages; after that (the node stopped or was"
                        + " killed) another node takes them again (10 to 3600).",
                min = "10",
                max = "3600")
        int lease_seconds() default 120;
    }

    private final URI publicUrl;
    private final String postalAddress;
    private final int senderThreads;
    private final int batchSize;
    private final int maxAttempts;
    private final long retryDelayMillis;
    private final long retryMaxDelayMillis;
    private final long leaseMillis;

    @Activate
    public EmailSettings(Config config) {
        this(
                baseUrl(config.public_url()),
                config.postal_address() == null ? "" : config.postal_address().strip(),
                clamp(config.sender_threads(), 1, 32),
                clamp(config.sender_batch(), 1, 500),
                clamp(config.retry_attempts(), 1, 50),
                Math.max(1, config.retry_delay_seconds()) * 1000L,
                Math.max(1, config.retry_max_delay_seconds()) * 1000L,
                clamp(config.lease_seconds(), 10, 3600) * 1000L);
    }

    /** Settings as given (for tests). */
    public EmailSettings(
            URI publicUrl,
            String postalAddress,
            int senderThreads,
            int batchSize,
            int maxAttempts,
            long retryDelayMillis,
            long retryMaxDelayMillis,
            long leaseMillis) {
        this.publicUrl = publicUrl;
        this.postalAddress = postalAddress;
        this.senderThreads = senderThreads;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.retryDelayMillis = retryDelayMillis;
        this.retryMaxDelayMillis = retryMaxDelayMillis;
        this.leaseMillis = leaseMillis;
    }

    /** The defaults, with a postal address (for tests). */
    public static EmailSettings defaults(String postalAddress) {
        return new EmailSettings(
                URI.create("http://localhost:8080"), postalAddress, 4, 50, 10, 30_000, 3_600_000, 120_000);
    }

    /** The base of links in messages, without a trailing slash. */
    public URI publicUrl() {
        return publicUrl;
    }

    /** An absolute link for a path of the portal, such as {@code /contractors/choose/abc}. */
    public String link(String path) {
        String base = publicUrl.toString();
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    /** The operator's postal address, or empty (then commercial messages are refused). */
    public String postalAddress() {
        return postalAddress;
    }

    public int senderThreads() {
        return senderThreads;
    }

    public int batchSize() {
        return batchSize;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The delay before attempt {@code attempt + 1}, after {@code attempt} attempts failed. */
    public long retryDelayMillis(int attempt) {
        long delay = retryDelayMillis;
        for (int i = 1; i < attempt && delay < retryMaxDelayMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, retryMaxDelayMillis);
    }

    public long leaseMillis() {
        return leaseMillis;
    }

    private static URI baseUrl(String value) {
        String v = value == null ? "" : value.strip();
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        try {
            URI uri = URI.create(v);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the default
        }
        LoggerFactory.getLogger(EmailSettings.class)
                .warn("{}: public.url is not an absolute http(s) address; links use http://localhost:8080", PID);
        return URI.create("http://localhost:8080");
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
