package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
import org.cec.portal.plugintest.ConsoleSignIn;
import org.cec.portal.plugintest.Totp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The console's sign-in over real HTTP (issue 15): the generated first admin must choose a new password
 * and enrol a second factor before any console page; the credentials file is gone afterwards; a wrong
 * code is refused; a recovery code works once; sign-out ends the session on the server, so the old
 * cookie is refused; anonymous console requests go to the sign-in page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffSignInDistributionIT {

    private static RunningPortal portal;
    private static ConsoleSignIn.Admin admin;

    @BeforeAll
    static void start() throws Exception {
        portal = RunningPortal.start("staff-sign-in");
        ConsoleSignIn browser = new ConsoleSignIn(portal.uri("/"), portal.http);
        HttpResponse<String> before = browser.get("/system/console/bundles");
        assertEquals(303, before.statusCode(), "anonymous: to the sign-in page");
        assertTrue(before.headers().firstValue("Location").orElse("").startsWith("/system/sign-in"));
        Path credentials = portal.dataDir.resolve("admin-credentials.txt");
        assertEquals(
                Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(credentials));
        assertEquals(2, Files.readAllLines(credentials).size(), "two lines: username and password");
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(credentials)) {
            props.load(in);
        }
        assertEquals("admin", props.getProperty("username"));
        String generated = props.getProperty("password");
        assertTrue(generated.length() >= 16, "a long random password");
        assertFalse(portal.output().contains(generated), "the password is never logged");
        assertTrue(portal.output().contains(credentials.toString()), "the log says where the credentials are");
        admin = browser.firstAdmin(portal.dataDir.resolve("admin-credentials.txt"), RunningPortal.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void theCredentialsFileIsGoneOnceTheFirstAdminChoseAPassword() {
        assertFalse(Files.exists(portal.dataDir.resolve("admin-credentials.txt")));
        assertEquals(10, admin.recoveryCodes().size());
    }

    @Test
    void aSignInNeedsPasswordAndCodeAndSignOutEndsTheSessionOnTheServer() throws Exception {
        ConsoleSignIn browser = new ConsoleSignIn(portal.uri("/"), portal.http);
        HttpResponse<String> password = browser.signIn("admin", RunningPortal.ADMIN_PASSWORD);
        assertEquals(
                "/system/sign-in/totp",
                password.headers().firstValue("Location").orElse(""));
        assertEquals(303, browser.get("/system/console/bundles").statusCode(), "no console before the code");
        long step = Instant.now().getEpochSecond() / 30;
        HttpResponse<String> wrong =
                browser.post("/system/sign-in/totp", "code", Totp.codeAt(admin.totpSecret(), step + 5));
        assertEquals(400, wrong.statusCode());
        HttpResponse<String> right = browser.totp(admin.totpSecret());
        assertEquals(303, right.statusCode(), right.body());
        assertEquals(200, browser.get("/system/console/bundles").statusCode());
        String oldCookie = browser.cookie("cec_staff");
        assertEquals(303, browser.signOut().statusCode());
        ConsoleSignIn replay = new ConsoleSignIn(portal.uri("/"), portal.http);
        replay.setCookie("cec_staff", oldCookie);
        assertEquals(303, replay.get("/system/console/bundles").statusCode(), "the old cookie is refused");
    }

    @Test
    void aRecoveryCodeWorksOnce() throws Exception {
        String code = admin.recoveryCodes().get(0);
        ConsoleSignIn first = new ConsoleSignIn(portal.uri("/"), portal.http);
        first.signIn("admin", RunningPortal.ADMIN_PASSWORD);
        assertEquals(303, first.post("/system/sign-in/totp", "code", code).statusCode());
        assertEquals(200, first.get("/system/console/bundles").statusCode());
        ConsoleSignIn second = new ConsoleSignIn(portal.uri("/"), portal.http);
        second.signIn("admin", RunningPortal.ADMIN_PASSWORD);
        assertEquals(400, second.post("/system/sign-in/totp", "code", code).statusCode(), "used up");
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountGetTheSameAnswer() throws Exception {
        ConsoleSignIn browser = new ConsoleSignIn(portal.uri("/"), portal.http);
        HttpResponse<String> wrong = browser.signIn("admin", "not-the-password-at-all");
        HttpResponse<String> unknown = browser.signIn("nobody", "not-the-password-at-all");
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertTrue(wrong.body().contains("id=\"signin-error\""));
        assertTrue(unknown.body().contains("id=\"signin-error\""));
    }

    /** Last: the address it runs from must then wait. */
    @Test
    @Order(Integer.MAX_VALUE)
    void wrongCodesCountTowardsTheLockoutThatThenRefusesEvenTheRightCode() throws Exception {
        ConsoleSignIn browser = new ConsoleSignIn(portal.uri("/"), portal.http);
        browser.signIn("admin", RunningPortal.ADMIN_PASSWORD);
        // the right code first: finding one not used yet may mean waiting for the next step
        String rightCode = ConsoleSignIn.freshCode(admin.totpSecret());
        long step = Instant.now().getEpochSecond() / 30;
        int wrong = 0;
        int failedBeforeTheFirstWait = -1;
        long retryAfter = 0;
        // wrong codes until the address waits long enough (the delays double: 1 s, 2 s, 4 s) for the
        // right code to be tried within the wait
        while (retryAfter < 4 && wrong < 20) {
            HttpResponse<String> answer =
                    browser.post("/system/sign-in/totp", "code", Totp.codeAt(admin.totpSecret(), step + 10 + wrong));
            wrong++;
            if (answer.statusCode() == 429) {
                if (failedBeforeTheFirstWait < 0) {
                    failedBeforeTheFirstWait = wrong - 1;
                }
                retryAfter = Long.parseLong(
                        answer.headers().firstValue("Retry-After").orElse("0"));
                if (retryAfter < 4) {
                    Thread.sleep(retryAfter * 1000);
                }
            } else {
                assertEquals(400, answer.statusCode(), "a wrong code");
            }
        }
        assertTrue(
                failedBeforeTheFirstWait >= 0 && failedBeforeTheFirstWait <= 5,
                "delayed after at most five free failures: " + failedBeforeTheFirstWait);
        assertTrue(retryAfter >= 4, "the delays grow: " + retryAfter);
        HttpResponse<String> right = browser.post("/system/sign-in/totp", "code", rightCode);
        assertEquals(429, right.statusCode(), "even the right code waits");
        assertTrue(right.headers().firstValue("Retry-After").isPresent());
        assertTrue(right.body().contains("id=\"signin-error\""), right.body());
    }
}
