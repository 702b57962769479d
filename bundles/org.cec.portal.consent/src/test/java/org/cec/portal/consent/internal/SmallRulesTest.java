package org.cec.portal.consent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Email normalisation and return paths. */
class SmallRulesTest {

    @Test
    void emailsAreTrimmedAndLowerCasedAndImplausibleOnesRefused() {
        assertEquals(Optional.of("ada@example.org"), Emails.normalise("  Ada@Example.ORG "));
        assertEquals(Optional.empty(), Emails.normalise("ada"));
        assertEquals(Optional.empty(), Emails.normalise("ada@localhost"));
        assertEquals(Optional.empty(), Emails.normalise("a b@example.org"));
        assertEquals(Optional.empty(), Emails.normalise(null));
    }

    @Test
    void onlyPlainPathsOfThisPortalAreReturnedTo() {
        assertEquals("/partner/hello", ReturnPath.orElse("/partner/hello", "/"));
        assertEquals("/", ReturnPath.orElse("//evil.example/x", "/"));
        assertEquals("/", ReturnPath.orElse("/\\evil.example", "/"));
        assertEquals("/", ReturnPath.orElse("https://evil.example/", "/"));
        assertEquals("/", ReturnPath.orElse("/a\r\nSet-Cookie: x=1", "/"));
        assertEquals("/", ReturnPath.orElse(null, "/"));
    }
}
