package org.cec.portal.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Refuses, before any servlet context is chosen, the requests no page of the portal or the Web
 * Console should ever see: {@code TRACE} (405 everywhere; it would echo the request's headers),
 * methods the console does not use (405 below the console path), and a query string that is not
 * valid percent-encoded UTF-8 (400 with the reason, one debug line, no stack trace).
 *
 * <p>Form bodies are checked where the portal context first reads them ({@link CsrfFilter}), so
 * that a body is read only by a page that accepts one.
 */
@Component(service = Preprocessor.class)
@Designate(ocd = RequestScreening.Config.class)
public final class RequestScreening implements Preprocessor {

    @ObjectClassDefinition(
            name = "CEC Portal: request screening",
            description = "Requests refused before any page sees them: TRACE, methods the console does not use,"
                    + " malformed percent-encoding.")
    public @interface Config {
        @AttributeDefinition(
                name = "Web Console path",
                description = "Below this path only the methods the console uses are accepted.")
        String console_path() default "/system/console";

        @AttributeDefinition(name = "Console methods", description = "The HTTP methods the Web Console uses.")
        String[] console_methods() default {"GET", "HEAD", "POST"};
    }

    private final String consolePath;
    private final Set<String> consoleMethods;
    private final PortalTranslations translations;

    @Activate
    public RequestScreening(Config config, @Reference PortalTranslations translations) {
        this.translations = translations;
        this.consolePath = config.console_path();
        this.consoleMethods = Arrays.stream(config.console_methods())
                .map(m -> m.trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (consoleMethods.contains("TRACE")) {
            throw new IllegalArgumentException("TRACE is never answered");
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        if ("TRACE".equals(method)) {
            refuseMethod(request, response, "GET, HEAD, POST, OPTIONS");
            return;
        }
        String uri = request.getRequestURI();
        boolean console = uri.equals(consolePath) || uri.startsWith(consolePath + "/");
        if (console && !consoleMethods.contains(method)) {
            refuseMethod(request, response, String.join(", ", consoleMethods));
            return;
        }
        Optional<String> malformed = malformedQuery(request);
        if (malformed.isPresent()) {
            RequestBodies.drain(request);
            request.setAttribute(CsrfFilter.REFUSAL_ATTRIBUTE, malformed.get());
            // A query that cannot be decoded cannot reach the portal's error page either (its
            // dispatch decodes it again): Jetty's own page shows this reason, in the visitor's language.
            response.sendError(
                    HttpServletResponse.SC_BAD_REQUEST,
                    translations.common().get(VisitorLanguages.of(request), malformed.get()));
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuseMethod(HttpServletRequest request, HttpServletResponse response, String allowed)
            throws IOException {
        RequestBodies.drain(request);
        response.setHeader("Allow", allowed);
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    /**
     * Why the query string cannot be decoded, when it cannot. The container decodes it (as every page
     * later would); for a request whose body is a form, the body is left to the page's context.
     */
    static Optional<String> malformedQuery(HttpServletRequest request) {
        if (request.getQueryString() == null || RequestBodies.isForm(request)) {
            return Optional.empty();
        }
        return RequestBodies.parametersError(request);
    }
}
