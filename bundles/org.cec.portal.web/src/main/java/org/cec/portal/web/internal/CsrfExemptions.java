package org.cec.portal.web.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cec.portal.api.web.PortalWeb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlets that declared {@link PortalWeb#CSRF_EXEMPT}, by their whiteboard patterns. A request is
 * exempt when the container routed it to one of them: its servlet path is the servlet's exact pattern
 * (and it has no path info), or the prefix of its {@code /prefix/*} pattern. Matching the servlet path
 * the container chose (not the raw URI) means a more specific servlet below an exempt prefix keeps the
 * check, and an encoded or dotted URI cannot borrow an exemption. Thread-safe.
 */
final class CsrfExemptions {

    private static final Logger LOG = LoggerFactory.getLogger(CsrfExemptions.class);

    /** Exempt exact paths and prefixes (without {@code /*}) per service id. */
    private final Map<Long, Exempt> byService = new ConcurrentHashMap<>();

    private record Exempt(Set<String> exact, Set<String> prefixes) {}

    /** Records (or replaces) the exemption of the servlet service {@code serviceId}. */
    void put(long serviceId, Object patternProperty) {
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        for (String pattern : patterns(patternProperty)) {
            if (pattern.equals("/") || pattern.equals("/*") || !pattern.startsWith("/")) {
                LOG.warn(
                        "Servlet service {} declares {} but its pattern '{}' is too broad or not a path: it keeps the CSRF check",
                        serviceId,
                        PortalWeb.CSRF_EXEMPT,
                        pattern);
            } else if (pattern.endsWith("/*")) {
                prefixes.add(pattern.substring(0, pattern.length() - 2));
            } else if (pattern.contains("*")) {
                LOG.warn("Servlet service {}: pattern '{}' is not a servlet pattern; not exempt", serviceId, pattern);
            } else {
                exact.add(pattern);
            }
        }
        byService.put(serviceId, new Exempt(Set.copyOf(exact), Set.copyOf(prefixes)));
    }

    void remove(long serviceId) {
        byService.remove(serviceId);
    }

    /**
     * Whether a request the container routed with this servlet path and path info goes to an exempt
     * servlet.
     */
    boolean covers(String servletPath, String pathInfo) {
        if (servletPath == null || servletPath.isEmpty()) {
            return false;
        }
        for (Exempt e : byService.values()) {
            if (pathInfo == null && e.exact().contains(servletPath)) {
                return true;
            }
            if (e.prefixes().contains(servletPath)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> patterns(Object property) {
        if (property instanceof String s) {
            return List.of(s);
        }
        if (property instanceof String[] a) {
            return List.of(a);
        }
        if (property instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
