package org.cec.portal.directory.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sites whose pages may read the public search API from visitors' browsers (CORS): any ({@code *}),
 * or a list of origins. The answers carry no personal data and no credentials are ever allowed, so the
 * browser sends no cookies with such a request.
 */
public final class ApiOrigins {

    /** Any site. */
    public static final ApiOrigins ANY = new ApiOrigins(true, Set.of());

    private static final Logger LOG = LoggerFactory.getLogger(ApiOrigins.class);

    private final boolean any;
    private final Set<String> origins;

    private ApiOrigins(boolean any, Set<String> origins) {
        this.any = any;
        this.origins = Set.copyOf(origins);
    }

    /**
     * The configured origins; an entry that is not {@code *} or {@code scheme://host[:port]} (http or
     * https, no path) is logged and left out.
     */
    public static ApiOrigins of(String[] configured) {
        boolean any = false;
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : configured == null ? new String[0] : configured) {
            String value = entry == null ? "" : entry.strip();
            if (value.isEmpty()) {
                continue;
            }
            if (value.equals("*")) {
                any = true;
                continue;
            }
            Optional<String> origin = normalized(value);
            if (origin.isPresent()) {
                origins.add(origin.get());
            } else {
                LOG.error(
                        "PID {}: api.allowedOrigins entry '{}' is not an origin such as https://partner.example.org"
                                + " (scheme, host and port only); left out",
                        DirectorySettings.PID,
                        value.length() > 100 ? value.substring(0, 100) + "…" : value);
            }
        }
        return new ApiOrigins(any, origins);
    }

    /** The value of {@code Access-Control-Allow-Origin} for a request from {@code origin}, if it may read. */
    public Optional<String> allow(String origin) {
        if (origin == null || origin.isEmpty()) {
            return Optional.empty();
        }
        if (any) {
            return Optional.of("*");
        }
        return normalized(origin).filter(origins::contains);
    }

    /** Whether some or all sites may read. */
    public boolean open() {
        return any || !origins.isEmpty();
    }

    private static Optional<String> normalized(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !bare) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") ? port == 443 : port == 80);
            return Optional.of(
                    scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
