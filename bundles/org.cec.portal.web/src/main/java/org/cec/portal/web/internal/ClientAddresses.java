package org.cec.portal.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Resolves the client address of every request once, for every page, the console and every limit:
 * {@code getRemoteAddr()} is the direct peer, unless that peer is a configured trusted proxy; then it
 * is the right-most address of {@code X-Forwarded-For} that is not itself a trusted proxy. From any
 * other peer the header is ignored, so a client cannot choose its own address.
 */
@Component(service = Preprocessor.class, property = "service.ranking:Integer=2000")
@Designate(ocd = ClientAddresses.Config.class)
public final class ClientAddresses implements Preprocessor {

    @ObjectClassDefinition(
            name = "CEC Portal: client addresses",
            description = "Reverse proxies whose X-Forwarded-For header names the client. Empty: the header is"
                    + " ignored and the client is the direct peer.")
    public @interface Config {
        @AttributeDefinition(
                name = "Trusted proxies",
                description =
                        "IP addresses (IPv4 or IPv6 literals, no host names) of the reverse proxies in front of the portal.")
        String[] trusted_proxies() default {};
    }

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Set<String> trusted;

    @Activate
    public ClientAddresses(Config config) {
        Set<String> proxies = new HashSet<>();
        for (String proxy : config.trusted_proxies()) {
            proxies.add(literal(proxy.trim())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "Not an IP address (host names and ranges are not accepted): " + proxy)));
        }
        this.trusted = Set.copyOf(proxies);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String client = clientOf(request.getRemoteAddr(), request.getHeaders(FORWARDED_FOR));
        if (client.equals(request.getRemoteAddr())) {
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

    /** The client address of a request from {@code peer} carrying these {@code X-Forwarded-For} headers. */
    String clientOf(String peer, java.util.Enumeration<String> forwardedFor) {
        Optional<String> direct = literal(peer);
        if (direct.isEmpty() || !trusted.contains(direct.get()) || forwardedFor == null) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(forwardedFor)) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<String> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break; // not an address: what lies left of it cannot be trusted either
            }
            client = hop.get();
            if (!trusted.contains(client)) {
                break;
            }
        }
        return client;
    }

    /** The normalized form of an IP literal; empty for anything else (never a DNS lookup). */
    static Optional<String> literal(String text) {
        if (text == null || text.length() > 45) {
            return Optional.empty();
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t).getHostAddress());
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return Optional.empty();
        }
    }

    @Override
    public void init(jakarta.servlet.FilterConfig filterConfig) {}

    @Override
    public void destroy() {}
}
