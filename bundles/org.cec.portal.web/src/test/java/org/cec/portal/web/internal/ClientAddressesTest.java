package org.cec.portal.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    /** Trusting these proxies, which name the client in X-Forwarded-For (the default). */
    private static ClientAddresses trusting(String... proxies) {
        return configured(ClientAddresses.X_FORWARDED_FOR, proxies);
    }

    /** Trusting these proxies, which name the client in Forwarded. */
    private static ClientAddresses trustingForwarded(String... proxies) {
        return configured(ClientAddresses.FORWARDED, proxies);
    }

    private static ClientAddresses configured(String header, String... proxies) {
        return new ClientAddresses(new ClientAddresses.Config() {
            @Override
            public String[] trusted_proxies() {
                return proxies;
            }

            @Override
            public String forwarded_header() {
                return header;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ClientAddresses.Config.class;
            }
        });
    }

    /** The client from {@code peer} with these X-Forwarded-For lines (and no Forwarded header). */
    private static String client(ClientAddresses addresses, String peer, String... headers) {
        return addresses.clientOf(peer, null, Collections.enumeration(List.of(headers)));
    }

    /** The client from {@code peer} with these Forwarded lines (and no X-Forwarded-For header). */
    private static String forwarded(ClientAddresses addresses, String peer, String... headers) {
        return addresses.clientOf(peer, Collections.enumeration(List.of(headers)), Collections.emptyEnumeration());
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
        assertThrows(IllegalArgumentException.class, () -> trusting("10.0.0.0/33"));
    }

    @Test
    void trustedProxiesMayBeCidrRanges() {
        ClientAddresses addresses = trusting("10.1.0.0/16", "fd00::/8");
        assertEquals("203.0.113.1", client(addresses, "10.1.7.9", "203.0.113.1, 10.1.200.3"));
        assertEquals("203.0.113.1", client(addresses, "fd12::5", "203.0.113.1"));
        assertEquals("10.2.0.1", client(addresses, "10.2.0.1", "203.0.113.1"), "outside the range: ignored");
    }

    @Test
    void xForwardedForHopsMayCarryAPort() {
        ClientAddresses addresses = trusting("10.0.0.1");
        assertEquals("203.0.113.1", client(addresses, "10.0.0.1", "203.0.113.1:4711"));
        assertEquals("2001:db8:0:0:0:0:0:1", client(addresses, "10.0.0.1", "[2001:db8::1]:4711"));
        assertEquals("10.0.0.1", client(addresses, "10.0.0.1", "203.0.113.1:port"));
    }

    @Test
    void forwardedNamesTheClientFromATrustedProxy() {
        ClientAddresses addresses = trustingForwarded("10.0.0.1", "10.0.0.2");
        assertEquals("203.0.113.1", forwarded(addresses, "10.0.0.1", "for=203.0.113.1"));
        assertEquals("203.0.113.1", forwarded(addresses, "10.0.0.1", "For=203.0.113.1;proto=https;by=10.0.0.1"));
        assertEquals("203.0.113.1", forwarded(addresses, "10.0.0.1", "for=\"203.0.113.1:4711\""));
        // walked from the right: what a client sent itself, left of the first untrusted hop, is ignored
        assertEquals(
                "203.0.113.1",
                forwarded(addresses, "10.0.0.1", "for=6.6.6.6, for=203.0.113.1;proto=http, for=10.0.0.2"));
        assertEquals("203.0.113.1", forwarded(addresses, "10.0.0.1", "for=6.6.6.6", "for=203.0.113.1"));
        assertEquals("198.51.100.9", forwarded(addresses, "198.51.100.9", "for=203.0.113.1"), "untrusted peer");
    }

    @Test
    void forwardedIpv6IsQuotedInBrackets() {
        ClientAddresses addresses = trustingForwarded("10.0.0.1");
        assertEquals("2001:db8:0:0:0:0:0:1", forwarded(addresses, "10.0.0.1", "for=\"[2001:db8::1]:4711\""));
        assertEquals("2001:db8:0:0:0:0:0:1", forwarded(addresses, "10.0.0.1", "for=\"[2001:db8::1]\""));
        assertEquals("10.0.0.1", forwarded(addresses, "10.0.0.1", "for=\"[2001:db8::1]:x\""));
    }

    @Test
    void unknownAndObfuscatedNodesAreNoUsableAddress() {
        ClientAddresses addresses = trustingForwarded("10.0.0.1", "10.0.0.2");
        assertEquals("10.0.0.1", forwarded(addresses, "10.0.0.1", "for=unknown"));
        assertEquals("10.0.0.1", forwarded(addresses, "10.0.0.1", "for=_hidden"));
        assertEquals("10.0.0.1", forwarded(addresses, "10.0.0.1", "for=\"_hidden:_port\""));
        assertEquals("10.0.0.1", forwarded(addresses, "10.0.0.1", "proto=https"), "an element without for");
        assertEquals("10.0.0.2", forwarded(addresses, "10.0.0.1", "for=203.0.113.1, for=unknown, for=10.0.0.2"));
        assertEquals("203.0.113.1", forwarded(addresses, "10.0.0.1", "for=unknown, for=203.0.113.1"));
        assertEquals("10.0.0.1", forwarded(addresses, "10.0.0.1", "for=evil.example"));
    }

    @Test
    void aMalformedForwardedHeaderIsIgnored() {
        ClientAddresses addresses = trustingForwarded("10.0.0.1");
        for (String bad : new String[] {
            "for=\"203.0.113.1",
            "for=[2001:db8::1]",
            "for 203.0.113.1",
            "=203.0.113.1",
            "for=",
            "for=203.0.113.1 proto=http",
            "for=203.0.113.1;for=198.51.100.1",
            "for=\"203.0.113.1\\",
            "203.0.113.1",
            "for=203.0.113.1, for=(x)"
        }) {
            assertEquals("10.0.0.1", forwarded(addresses, "10.0.0.1", bad), bad);
        }
        // lenient where RFC 7230 lists are: empty elements and spaces around them
        assertEquals("203.0.113.1", forwarded(addresses, "10.0.0.1", " , for=203.0.113.1 ; proto=http ,"));
    }

    @Test
    void byDefaultOnlyXForwardedForIsReadAndAClientsForwardedIsIgnored() throws Exception {
        assertEquals(
                ClientAddresses.X_FORWARDED_FOR,
                ClientAddresses.Config.class.getMethod("forwarded_header").getDefaultValue(),
                "the default is what nginx and HAProxy set");
        ClientAddresses addresses = trusting("10.0.0.1");
        assertEquals(
                "198.51.100.1",
                addresses.clientOf(
                        "10.0.0.1",
                        Collections.enumeration(List.of("for=203.0.113.1")),
                        Collections.enumeration(List.of("198.51.100.1"))),
                "a Forwarded header the client sent itself does not choose its address");
        assertEquals(
                "10.0.0.1",
                addresses.clientOf("10.0.0.1", Collections.enumeration(List.of("for=203.0.113.1")), null),
                "Forwarded alone: still the peer");
        assertEquals(
                "198.51.100.1",
                addresses.clientOf(
                        "10.0.0.1",
                        Collections.enumeration(List.of("for=\"broken")),
                        Collections.enumeration(List.of("198.51.100.1"))),
                "not even a malformed Forwarded header is looked at");
        assertEquals("10.0.0.1", addresses.clientOf("10.0.0.1", null, null));
    }

    @Test
    void inForwardedModeOnlyForwardedIsReadAndXForwardedForIsIgnored() {
        ClientAddresses addresses = trustingForwarded("10.0.0.1");
        assertEquals(
                "203.0.113.1",
                addresses.clientOf(
                        "10.0.0.1",
                        Collections.enumeration(List.of("for=203.0.113.1")),
                        Collections.enumeration(List.of("198.51.100.1"))));
        assertEquals(
                "10.0.0.1",
                addresses.clientOf(
                        "10.0.0.1", Collections.emptyEnumeration(), Collections.enumeration(List.of("198.51.100.1"))),
                "an X-Forwarded-For the client sent itself does not choose its address");
        assertEquals(
                "10.0.0.1",
                addresses.clientOf(
                        "10.0.0.1",
                        Collections.enumeration(List.of("for=\"broken")),
                        Collections.enumeration(List.of("198.51.100.1"))),
                "a malformed Forwarded header is ignored, not replaced by X-Forwarded-For");
        assertEquals("10.0.0.1", addresses.clientOf("10.0.0.1", null, null));
    }

    @Test
    void theHeaderNameIsCaseInsensitiveAndNothingElseIsAccepted() {
        assertEquals(
                "203.0.113.1",
                configured("forwarded", "10.0.0.1")
                        .clientOf("10.0.0.1", Collections.enumeration(List.of("for=203.0.113.1")), null));
        assertEquals(
                "203.0.113.1",
                configured(" x-forwarded-for ", "10.0.0.1")
                        .clientOf("10.0.0.1", null, Collections.enumeration(List.of("203.0.113.1"))));
        assertThrows(IllegalArgumentException.class, () -> configured("X-Real-IP", "10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> configured("", "10.0.0.1"));
    }
}
