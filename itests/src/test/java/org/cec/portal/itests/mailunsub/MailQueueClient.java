package org.cec.portal.itests.mailunsub;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.cec.portal.itests.support.TestBundles;

/**
 * The test side of {@link MailQueuePlugin}: the plugin's bundle, the email settings the tests run with, and
 * queuing a message over HTTP. Not part of the bundle.
 */
public final class MailQueueClient {

    /** The base of links in messages, so a test can tell the portal's links apart. */
    public static final String PUBLIC_URL = "https://portal.example.test";

    public static final String POSTAL = "CEC Portal, 1 Main Street, Springfield, CA 94110";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private MailQueueClient() {}

    /** Writes the email module's settings (links under {@link #PUBLIC_URL}, the postal address) into {@code etc}. */
    public static void writeEmailSettings(Path etc) throws Exception {
        Files.writeString(
                etc.resolve("org.cec.portal.email.cfg"),
                "public.url=" + PUBLIC_URL + "\npostal.address=" + POSTAL + "\n",
                StandardCharsets.UTF_8);
    }

    /** The test plugin's bundle. */
    public static byte[] plugin() {
        return TestBundles.bundle("org.cec.portal.itests.mailunsub")
                .header("Bundle-Activator", MailQueuePlugin.class.getName())
                .header("Import-Package", MailQueuePlugin.imports())
                .classes(MailQueuePlugin.bundleClasses())
                .build();
    }

    /** Queues a message of {@code kind} ({@code commercial} or {@code relationship}) through {@code path}. */
    public static HttpResponse<String> queue(URI portal, String path, String kind, String to, String lang)
            throws Exception {
        String form = "kind=" + kind + "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&lang=" + lang;
        return HTTP.send(
                HttpRequest.newBuilder(portal.resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Queues through the plugin's CSRF-exempt servlet. */
    public static HttpResponse<String> queue(URI portal, String kind, String to, String lang) throws Exception {
        return queue(portal, MailQueuePlugin.EXEMPT_PATH, kind, to, lang);
    }

    /** Waits until the plugin's servlet and the Mailer answer (a relationship message to a warm-up address). */
    public static void awaitPlugin(URI portal) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            status = queue(portal, "relationship", "warmup@example.org", "en").statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The test plugin or the Mailer did not come up (last status " + status + ")");
    }

    /** The link of the message's List-Unsubscribe header (checked to be the portal's), as a path. */
    public static String unsubscribePath(MimeMessage message) throws Exception {
        String folded = message.getHeader("List-Unsubscribe", null);
        assertNotNull(folded, "List-Unsubscribe");
        String header = MimeUtility.unfold(folded).strip();
        assertTrue(header.startsWith("<" + PUBLIC_URL + "/email/unsubscribe/") && header.endsWith(">"), header);
        return URI.create(header.substring(1, header.length() - 1)).getRawPath();
    }
}
