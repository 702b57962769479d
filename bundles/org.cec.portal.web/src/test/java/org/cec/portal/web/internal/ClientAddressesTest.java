package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private static ClientAddresses trusting(String... proxies) {
        return new ClientAddresses(new ClientAddresses.Config() {
            @Override
            public String[] trusted_proxies() {
                return proxies;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ClientAddresses.Config.class;
            }
        });
    }

    private static String client(ClientAddresses addresses, String peer, String... headers) {
        return addresses.clientOf(peer, Collections.enumeration(List.of(headers)));
    }

    @Test
    void theHeaderIsIgnoredFromAPeerThatIsNotATrustedProxy() {
        assertEquals("198.51.100.9", client(trusting(), "198.51.100.9", "203.0.113.1"));
        assertEquals("198.51.100.9", client(trusting("10.0.0.1"), "198.51.100.9", "203.0.113.1"));
    }

    @Test
    void fromATrustedProxyTheClientIsTheRightMostUntrustedHop() {
        ClientAddresses addresses = trusting("10.0.0.1", "10.0.0.2");
        assertEquals("203.0.113.1", client(addresses, "10.0.0.1", "203.0.113.1"));
        // a client may send its own X-Forwarded-For: only what the trusted proxies appended counts
        assertEquals("203.0.113.1", client(addresses, "10.0.0.1", "6.6.6.6, 203.0.113.1, 10.0.0.2"));
        assertEquals("203.0.113.1", client(addresses, "10.0.0.1", "6.6.6.6", "203.0.113.1"));
    }

    @Test
    void garbageInTheHeaderStopsTheWalk() {
        ClientAddresses addresses = trusting("10.0.0.1");
        assertEquals("10.0.0.1", client(addresses, "10.0.0.1", "evil.example"));
        assertEquals("203.0.113.1", client(addresses, "10.0.0.1", "unknown, 203.0.113.1"));
    }

    @Test
    void ipv6LiteralsAreNormalized() {
        ClientAddresses addresses = trusting("::1");
        assertEquals("2001:db8:0:0:0:0:0:1", client(addresses, "0:0:0:0:0:0:0:1", "[2001:db8::1]"));
    }

    @Test
    void aHostNameIsNotATrustedProxy() {
        assertThrows(IllegalArgumentException.class, () -> trusting("proxy.example"));
    }
}
