package org.cec.portal.directory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiOriginsTest {

    @Test
    void anySiteGetsTheWildcardButOnlyWhenItSendsAnOrigin() {
        ApiOrigins any = ApiOrigins.of(new String[] {"*"});
        assertEquals(Optional.of("*"), any.allow("https://anyone.example"));
        assertEquals(Optional.empty(), any.allow(null));
        assertEquals(Optional.empty(), any.allow(""));
        assertTrue(any.open());
    }

    @Test
    void aListAllowsExactlyItsOriginsWithDefaultPortsAndCaseNormalized() {
        ApiOrigins list = ApiOrigins.of(new String[] {" https://Partner.Example.org:443 ", "http://localhost:8081"});
        assertEquals(Optional.of("https://partner.example.org"), list.allow("https://partner.example.org"));
        assertEquals(Optional.of("https://partner.example.org"), list.allow("https://PARTNER.example.org:443"));
        assertEquals(Optional.of("http://localhost:8081"), list.allow("http://localhost:8081"));
        assertEquals(Optional.empty(), list.allow("http://partner.example.org"), "another scheme");
        assertEquals(Optional.empty(), list.allow("https://partner.example.org:8443"), "another port");
        assertEquals(Optional.empty(), list.allow("https://evil.example.org"));
        assertEquals(Optional.empty(), list.allow("https://partner.example.org.evil.example"));
        assertEquals(Optional.empty(), list.allow("null"), "a sandboxed page's origin");
    }

    @Test
    void entriesThatAreNoOriginsAreLeftOut() {
        ApiOrigins list = ApiOrigins.of(new String[] {
            "partner.example.org", "https://partner.example.org/path", "ftp://files.example.org", "https://", "", null
        });
        assertFalse(list.open());
        assertEquals(Optional.empty(), list.allow("https://partner.example.org"));
    }

    @Test
    void noEntriesMeansNoSite() {
        assertFalse(ApiOrigins.of(new String[0]).open());
        assertFalse(ApiOrigins.of(null).open());
    }
}
