package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

    /** HMAC-SHA256 of {@code value} computed the plain way, with a new {@code Mac} each time. */
    private static String expectedMac(KeyFile file, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(file.keys().get(file.currentId()), "HmacSHA256"));
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signaturesAreThoseOfAFreshMacOnEveryThreadAndEveryCall() throws Exception {
        SigningKeys keys = SigningKeys.loadOrCreate(dir, new SecureRandom());
        KeyFile file = KeyFile.loadOrCreate(dir, SigningKeys.FILE_NAME, "", new SecureRandom());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        String value = "value-" + thread + "-" + i + "-\u00e9";
                        assertEquals(value + "." + file.currentId() + "." + expectedMac(file, value), keys.sign(value));
                        assertEquals(expectedMac(file, "csrf|" + value), keys.derive("csrf", value));
                        assertEquals(value, keys.verify(keys.sign(value)).orElseThrow());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
