package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void theKeyFileIsCreatedOnceAndReadableByItsOwnerOnly() throws Exception {
        SigningKeys first = SigningKeys.loadOrCreate(dir, new SecureRandom());
        Path file = dir.resolve(SigningKeys.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String signed = first.sign("value");
        assertEquals(
                "value",
                SigningKeys.loadOrCreate(dir, new SecureRandom()).verify(signed).orElseThrow());
    }

    @Test
    void alteredOrForeignValuesAreRejected() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir, new SecureRandom());
        String signed = keys.sign("value");
        assertTrue(keys.verify(signed.replace("value", "valuf")).isEmpty());
        assertTrue(keys.verify("value").isEmpty());
        assertTrue(keys.verify("").isEmpty());
        assertTrue(keys.verify(null).isEmpty());
        assertTrue(keys.verify("a.b.c.d").isEmpty());
        SigningKeys other = SigningKeys.loadOrCreate(dir.resolve("other"), new SecureRandom());
        assertTrue(other.verify(signed).isEmpty(), "signed with another installation's key");
    }
}
