package org.cec.portal.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaffAccountsTest {

    @TempDir
    Path data;

    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom(), 1_000);

    @Test
    void theFirstAdminGetsARandomPasswordWrittenOnceToAnOwnerOnlyFile() throws Exception {
        StaffAccounts accounts = new StaffAccounts(data, hasher);
        Path file = accounts.createFirstAdminIfNone(data).orElseThrow();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        List<String> lines = Files.readAllLines(file);
        assertEquals("username=admin", lines.get(0));
        String password = lines.get(1).substring("password=".length());
        assertTrue(password.length() >= 20);
        assertTrue(accounts.verify("admin", password.toCharArray()));
        assertFalse(accounts.verify("admin", "admin".toCharArray()), "no default password");

        StaffAccounts reloaded = new StaffAccounts(data, hasher);
        assertTrue(reloaded.createFirstAdminIfNone(data).isEmpty(), "created only once");
        assertTrue(reloaded.verify("admin", password.toCharArray()));
        String stored = Files.readString(data.resolve("admin/accounts.properties"));
        assertFalse(stored.contains(password), "only a hash is stored");
    }

    @Test
    void hashesAreSaltedAndMalformedHashesNeverMatch() {
        String a = hasher.hash("secret".toCharArray());
        String b = hasher.hash("secret".toCharArray());
        assertFalse(a.equals(b), "salted");
        assertTrue(PasswordHasher.verify("secret".toCharArray(), a));
        assertFalse(PasswordHasher.verify("Secret".toCharArray(), a));
        assertFalse(PasswordHasher.verify("secret".toCharArray(), "plain"));
        assertFalse(PasswordHasher.verify("secret".toCharArray(), "pbkdf2-sha256$x$y$z"));
        assertFalse(PasswordHasher.verify("secret".toCharArray(), null));
    }

    @Test
    void basicCredentialsAreParsedAndMalformedOnesIgnored() {
        String[] creds = ConsoleSecurityProvider.basicCredentials("Basic YWRtaW46cDpzcw==");
        assertEquals("admin", creds[0]);
        assertEquals("p:ss", creds[1]);
        assertEquals(null, ConsoleSecurityProvider.basicCredentials("Basic !!!"));
        assertEquals(null, ConsoleSecurityProvider.basicCredentials("Bearer x"));
        assertEquals(null, ConsoleSecurityProvider.basicCredentials(null));
    }
}
