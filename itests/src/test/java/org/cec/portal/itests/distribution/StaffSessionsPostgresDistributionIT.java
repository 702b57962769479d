package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.cec.portal.itests.support.PostgresSchema;
import org.cec.portal.plugintest.ConsoleSignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, acceptance 5: two portal processes on one PostgreSQL database (and one keys folder, so
 * each accepts the other's signed cookies) share staff accounts and sessions: an account created on
 * one signs in on the other, a session started on one is valid on the other, and when an admin sets
 * an account's password its sessions end on both at once.
 */
class StaffSessionsPostgresDistributionIT {

    private static final String CONSOLE = "/system/console/requests";
    private static PostgresSchema db;
    private static RunningPortal a;
    private static RunningPortal b;

    @BeforeAll
    static void start() throws Exception {
        db = PostgresSchema.create("staffsessions");
        Path work = Files.createDirectories(Path.of(System.getProperty("portal.work", "target/it-work")));
        Path keys = Files.createTempDirectory(work, "staff-keys");
        a = node("a", keys);
        b = node("b", keys);
    }

    private static RunningPortal node(String name, Path keys) throws Exception {
        return RunningPortal.start(
                "staff-pg-" + name,
                home -> Files.writeString(
                        home.resolve("etc/org.cec.portal.platform.database.cfg"), db.platformConfiguration()),
                Map.of("CEC_KEYS_DIR", keys.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        for (RunningPortal p : new RunningPortal[] {a, b}) {
            if (p != null) {
                p.close();
            }
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void accountsAndSessionsAreSharedAndAPasswordChangeEndsSessionsOnBothNodes() throws Exception {
        Path onA = a.dataDir.resolve("admin-credentials.txt");
        Path onB = b.dataDir.resolve("admin-credentials.txt");
        assertNotEquals(Files.exists(onA), Files.exists(onB), "exactly one node created the first admin");
        RunningPortal first = Files.exists(onA) ? a : b;
        RunningPortal other = first == a ? b : a;

        ConsoleSignIn adminOnFirst = new ConsoleSignIn(first.uri("/"), first.http);
        ConsoleSignIn.Admin admin =
                adminOnFirst.firstAdmin(first.dataDir.resolve("admin-credentials.txt"), RunningPortal.ADMIN_PASSWORD);
        assertEquals(200, adminOnFirst.get("/system/console/bundles").statusCode());
        ConsoleSignIn adminOnOther = new ConsoleSignIn(other.uri("/"), other.http);
        adminOnOther.setCookie("cec_staff", adminOnFirst.cookie("cec_staff"));
        assertEquals(200, adminOnOther.get("/system/console/bundles").statusCode(), "the session is valid on both");

        HttpResponse<String> created = adminOnOther.post(
                "/system/console/staff",
                "action",
                "create",
                "username",
                "ana",
                "roles",
                "staff",
                "password",
                "Kettle-first-Pass-2026");
        assertEquals(200, created.statusCode(), created.body());

        ConsoleSignIn anaOnFirst = new ConsoleSignIn(first.uri("/"), first.http);
        HttpResponse<String> signIn = anaOnFirst.signIn("ana", "Kettle-first-Pass-2026");
        assertEquals(
                "/system/sign-in/password",
                signIn.headers().firstValue("Location").orElse(""),
                signIn.body());
        HttpResponse<String> own = anaOnFirst.post("/system/sign-in/password", "password", "Violet-harbour-Pass-2026");
        assertEquals(303, own.statusCode(), own.body());
        assertEquals(200, anaOnFirst.get(CONSOLE).statusCode());
        ConsoleSignIn anaOnOther = new ConsoleSignIn(other.uri("/"), other.http);
        anaOnOther.setCookie("cec_staff", anaOnFirst.cookie("cec_staff"));
        assertEquals(200, anaOnOther.get(CONSOLE).statusCode());

        HttpResponse<String> reset = adminOnOther.post(
                "/system/console/staff", "action", "password", "username", "ana", "password", "Teapot-reset-Pass-2026");
        assertEquals(200, reset.statusCode(), reset.body());
        for (ConsoleSignIn ana : new ConsoleSignIn[] {anaOnFirst, anaOnOther}) {
            HttpResponse<String> after = ana.get(CONSOLE);
            assertEquals(303, after.statusCode(), "the session ended");
            assertTrue(after.headers().firstValue("Location").orElse("").startsWith("/system/sign-in"));
        }
        assertEquals(200, adminOnFirst.get("/system/console/bundles").statusCode(), "other accounts stay signed in");

        // issue 15, acceptance 4 (second half): the audit log's chain shows a row altered in the database
        String intact = adminOnFirst.get("/system/console/audit").body();
        assertTrue(intact.contains("id=\"audit-chain\" data-intact=\"true\""), intact);
        assertTrue(intact.contains("(checked in full now)"), intact);
        String next = adminOnFirst.get("/system/console/audit").body();
        assertTrue(next.contains("entries since then checked now)"), "the next visit checks what is new: " + next);
        assertTrue(intact.contains("account-created"), "the account's creation is audited: " + intact);
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE audit_entry SET detail = 'rewritten' WHERE seq = (SELECT MIN(seq) FROM audit_entry)")) {
            assertEquals(1, s.executeUpdate());
        }
        // the other node checks in full at its first visit; the first node checked in full a moment ago
        // and checks what was appended since at a visit, in full when asked (and every hour)
        String onOther = adminOnOther.get("/system/console/audit").body();
        assertTrue(onOther.contains("id=\"audit-chain\" data-intact=\"false\""), onOther);
        assertTrue(onOther.contains("Chain broken at entry 1:"), onOther);
        HttpResponse<String> full = adminOnFirst.post("/system/console/audit", "action", "verify");
        assertEquals(200, full.statusCode(), full.body());
        assertTrue(full.body().contains("id=\"audit-chain\" data-intact=\"false\""), full.body());
        String revisited = adminOnFirst.get("/system/console/audit").body();
        assertTrue(revisited.contains("id=\"audit-chain\" data-intact=\"false\""), "it stays broken: " + revisited);

        // issue 15, acceptance 2: the idle (30 minutes) and absolute (12 hours) limits, with the
        // session's times moved back in the database rather than waited for
        age("seen_at = seen_at - INTERVAL '31 minutes'");
        Http.assertSentToSignIn(adminOnFirst.get("/system/console/bundles"), "idle for 31 minutes");
        ConsoleSignIn again = new ConsoleSignIn(first.uri("/"), first.http);
        again.signIn("admin", RunningPortal.ADMIN_PASSWORD);
        assertEquals(303, again.totp(admin.totpSecret()).statusCode());
        assertEquals(200, again.get("/system/console/bundles").statusCode());
        age("created_at = created_at - INTERVAL '12 hours 1 minute'");
        Http.assertSentToSignIn(again.get("/system/console/bundles"), "signed in 12 hours ago, busy since");
    }

    /** Moves the times of the admin's sessions back, as that much time would have. */
    private static void age(String change) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement s =
                        c.prepareStatement("UPDATE staff_session SET " + change + " WHERE username = 'admin'")) {
            assertTrue(s.executeUpdate() >= 1, change);
        }
    }
}
