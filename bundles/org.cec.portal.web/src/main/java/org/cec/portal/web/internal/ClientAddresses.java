package org.cec.portal.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Resolves the client address of every request once, for every page, the console and every limit:
 * {@code getRemoteAddr()} is the direct peer, unless that peer is a configured trusted proxy; then the
 * chain of hops the proxies reported in the one configured header ({@code X-Forwarded-For} by
 * default, or {@code Forwarded}, RFC 7239) is walked from the right, past the hops that are themselves
 * trusted proxies, and the first other address is the client. The other header is never read: a
 * proxy that only appends to one of them passes the other through from the client unchanged, so
 * reading it would let a client choose its own address. From any other peer no header is read; a
 * malformed {@code Forwarded} header is ignored too (the peer is the client).
 */
@Component(service = Preprocessor.class, property = "service.ranking:Integer=2000")
@Designate(ocd = ClientAddresses.Config.class)
public final class ClientAddresses implements Preprocessor {

    @ObjectClassDefinition(
            name = "CEC Portal: client addresses",
            description = "Reverse proxies whose Forwarded or X-Forwarded-For header names the client. Empty:"
                    + " the headers are ignored and the client is the direct peer.")
    public @interface Config {
        @AttributeDefinition(
                name = "Forwarded header",
                description = "The one header the trusted proxies set to name the client; the other is ignored"
                        + " completely (a client could send it itself). X-Forwarded-For is what nginx"
                        + " ($proxy_add_x_forwarded_for) and HAProxy (option forwardfor) set; Forwarded is"
                        + " RFC 7239 (HAProxy option forwarded).",
                options = {
                    @Option(label = X_FORWARDED_FOR, value = X_FORWARDED_FOR),
                    @Option(label = FORWARDED, value = FORWARDED)
                })
        String forwarded_header() default X_FORWARDED_FOR;

        @AttributeDefinition(
                name = "Trusted proxies",
                description = "IP addresses or CIDR ranges (IPv4 or IPv6, e.g. 10.0.0.5, 10.1.0.0/16, fd00::/8;"
                        + " no host names) of the reverse proxies in front of the portal.")
        String[] trusted_proxies() default {};
    }

    static final String FORWARDED = "Forwarded";
    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    /** A port after a node name: a number or an obfuscated identifier (RFC 7239 §6.3). */
    private static final Pattern PORT = Pattern.compile("\\d{1,5}|_[A-Za-z0-9._-]+");

    private static final String TCHARS = "!#$%&'*+-.^_`|~";

    private final AddressRanges trusted;

    /** Whether the trusted proxies name the client in {@code Forwarded}, else in {@code X-Forwarded-For}. */
    private final boolean readsForwarded;

    @Activate
    public ClientAddresses(Config config) {
        this.trusted = AddressRanges.of(config.trusted_proxies());
        this.readsForwarded = readsForwarded(config.forwarded_header());
    }

    private static boolean readsForwarded(String header) {
        String h = header == null ? "" : header.trim();
        if (h.equalsIgnoreCase(FORWARDED)) {
            return true;
        }
        if (h.equalsIgnoreCase(X_FORWARDED_FOR)) {
            return false;
        }
        throw new IllegalArgumentException(
                "forwarded.header must be " + X_FORWARDED_FOR + " or " + FORWARDED + ", not: " + abbreviated(h));
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String peer = request.getRemoteAddr();
        String client = trusted.contains(peer)
                ? readsForwarded
                        ? clientOf(peer, request.getHeaders(FORWARDED), null)
                        : clientOf(peer, null, request.getHeaders(X_FORWARDED_FOR))
                : peer;
        if (client.equals(peer)) {
            chain.doFilter(request, res);
            return;
        }
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getRemoteAddr() {
                        return client;
                    }

                    @Override
                    public String getRemoteHost() {
                        return client;
                    }
                },
                res);
    }

    /**
     * The client address of a request from {@code peer} carrying these {@code Forwarded} and {@code
     * X-Forwarded-For} header lines (either may be null or empty); only the configured one is read.
     */
    String clientOf(String peer, Enumeration<String> forwarded, Enumeration<String> forwardedFor) {
        if (peer == null || !trusted.contains(peer)) {
            return peer;
        }
        Enumeration<String> lines = readsForwarded ? forwarded : forwardedFor;
        List<String> headerLines = lines == null ? List.of() : Collections.list(lines);
        if (headerLines.isEmpty()) {
            return peer;
        }
        List<Optional<String>> hops;
        if (readsForwarded) {
            Optional<List<Optional<String>>> parsed = forwardedHops(String.join(",", headerLines));
            if (parsed.isEmpty()) {
                return peer; // malformed: ignored
            }
            hops = parsed.get();
        } else {
            hops = forwardedForHops(headerLines);
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<String> hop = hops.get(i);
            if (hop.isEmpty()) {
                break; // no usable address: what lies left of it cannot be trusted either
            }
            client = hop.get();
            if (!trusted.contains(client)) {
                break;
            }
        }
        return client;
    }

    /** The hops of {@code X-Forwarded-For} lines, left to right; an entry that is no address is empty. */
    private static List<Optional<String>> forwardedForHops(List<String> lines) {
        List<Optional<String>> hops = new ArrayList<>();
        for (String line : lines) {
            for (String hop : line.split(",", -1)) {
                String h = hop.trim();
                if (!h.isEmpty()) {
                    hops.add(node(h));
                }
            }
        }
        return hops;
    }

    /**
     * The {@code for=} hops of a {@code Forwarded} header (RFC 7239), left to right: for each element
     * its address, or empty when it has none ({@code unknown}, an obfuscated identifier, no {@code
     * for}); empty altogether when the header does not follow the syntax.
     */
    static Optional<List<Optional<String>>> forwardedHops(String header) {
        List<Optional<String>> hops = new ArrayList<>();
        int n = header.length();
        int i = 0;
        boolean pairs = false; // whether the current element has a pair
        String forValue = null;
        while (true) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n || header.charAt(i) == ',') {
                if (pairs) {
                    hops.add(forValue == null ? Optional.empty() : node(forValue));
                }
                if (i >= n) {
                    return Optional.of(hops);
                }
                pairs = false;
                forValue = null;
                i++;
                continue;
            }
            if (header.charAt(i) == ';') {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < n && isTchar(header.charAt(i))) {
                i++;
            }
            if (i == nameStart || i >= n || header.charAt(i) != '=') {
                return Optional.empty();
            }
            String name = header.substring(nameStart, i);
            i++;
            String value;
            if (i < n && header.charAt(i) == '"') {
                StringBuilder quoted = new StringBuilder();
                i++;
                while (i < n && header.charAt(i) != '"') {
                    if (header.charAt(i) == '\\') {
                        i++;
                        if (i >= n) {
                            return Optional.empty();
                        }
                    }
                    quoted.append(header.charAt(i));
                    i++;
                }
                if (i >= n) {
                    return Optional.empty(); // unterminated
                }
                i++;
                value = quoted.toString();
            } else {
                int valueStart = i;
                while (i < n && isTchar(header.charAt(i))) {
                    i++;
                }
                if (i == valueStart) {
                    return Optional.empty();
                }
                value = header.substring(valueStart, i);
            }
            if ("for".equalsIgnoreCase(name)) {
                if (forValue != null) {
                    return Optional.empty(); // a parameter occurs at most once per element
                }
                forValue = value;
            }
            pairs = true;
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && header.charAt(i) != ',' && header.charAt(i) != ';') {
                return Optional.empty();
            }
        }
    }

    private static boolean isTchar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TCHARS.indexOf(c) >= 0;
    }

    /**
     * The address of a node ({@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711},
     * {@code 2001:db8::1}), normalized; empty for {@code unknown}, an obfuscated identifier or anything
     * else that is no IP literal (never a DNS lookup).
     */
    static Optional<String> node(String text) {
        String address = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            address = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Optional.empty();
                }
                port = rest.substring(1);
            }
            if (!address.contains(":")) {
                return Optional.empty(); // brackets are for IPv6 only
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            int colon = text.indexOf(':');
            address = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (address.contains(":") || address.isEmpty()) {
                return Optional.empty();
            }
        }
        if (port != null && !PORT.matcher(port).matches()) {
            return Optional.empty();
        }
        return AddressRanges.normalized(address);
    }
}
