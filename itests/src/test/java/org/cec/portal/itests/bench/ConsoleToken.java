package org.cec.portal.itests.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.cec.portal.plugintest.ConsoleSignIn;

/**
 * For the shell benchmarks (bench/analytics.sh): signs the first admin of a freshly started portal in
 * as a person would (the generated password of {@code admin-credentials.txt}, a new password, the second
 * factor's enrolment), makes an API token and prints the {@code Authorization} header value for it.
 * Not a test.
 *
 * <p>Arguments: the portal's base URL and its data folder.
 */
public final class ConsoleToken {

    private ConsoleToken() {}

    public static void main(String[] args) throws Exception {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = "Bench-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ConsoleSignIn browser = new ConsoleSignIn(URI.create(args[0]), HttpClient.newHttpClient());
        browser.firstAdmin(Path.of(args[1]).resolve("admin-credentials.txt"), password);
        System.out.println("Bearer " + browser.createToken("admin", "benchmark"));
    }
}
