package org.cec.portal.api.web;

/**
 * Names shared by every bundle that contributes to the portal's web layer.
 *
 * <p>Register a page like this:
 *
 * <pre>{@code
 * @Component(service = Servlet.class)
 * @HttpWhiteboardServletPattern("/partner/hello")
 * @HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
 * public final class HelloPage extends HttpServlet { ... }
 * }</pre>
 */
public final class PortalWeb {

    /** Name of the portal's shared {@code ServletContextHelper}. */
    public static final String CONTEXT_NAME = "org.cec.portal";

    /** Filter for {@code osgi.http.whiteboard.context.select} that puts a servlet in the portal context. */
    public static final String CONTEXT_SELECT = "(osgi.http.whiteboard.context.name=" + CONTEXT_NAME + ")";

    /** Name of the form field that carries the CSRF token on every state-changing form. */
    public static final String CSRF_FIELD = "_csrf";

    /** Name of the request header that carries the CSRF token for script clients. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    /**
     * Request attribute holding the CSRF token of the current visitor, as a {@code java.util.function.Supplier<String>}: the token (and its cookie) are created on first use, so pages without forms set no cookie. Templates
     * rendered through {@link ViewRenderer} get it as {@code csrf.token} and {@code csrf.field}.
     */
    public static final String CSRF_TOKEN_ATTRIBUTE = "org.cec.portal.csrf.token";

    /**
     * Path prefix of JSON APIs meant for other sites. Requests below it are exempt from the
     * cookie-bound CSRF check: they must authenticate or validate in their own way.
     */
    public static final String CROSS_SITE_API_PREFIX = "/api/";

    /**
     * Service property of a servlet in the portal context whose state-changing requests protect
     * themselves in another way than the portal's cookie-bound CSRF token: a signed or sealed token
     * in the URL (an unsubscribe link posted by a mail provider), a shared secret (a webhook), a
     * signature of the caller. With the value {@code true} the portal's CSRF check lets POST, PUT,
     * PATCH and DELETE requests reach this servlet without a token; everything else the portal
     * context gives (security headers, error pages, body decoding) stays.
     *
     * <p>The exemption covers exactly the requests the servlet container routes to the servlet by
     * one of its {@code osgi.http.whiteboard.servlet.pattern}s: an exact path ({@code /hooks/bounce})
     * or a path prefix ({@code /email/unsubscribe/*}). Extension patterns ({@code *.do}), {@code /}
     * and {@code /*} are never exempt (the servlet then keeps the CSRF check, and a warning is
     * logged). A servlet that declares the exemption must refuse, by itself, every state-changing
     * request that does not carry its own proof.
     *
     * <pre>{@code
     * @Component(service = Servlet.class, property = PortalWeb.CSRF_EXEMPT + ":Boolean=true")
     * @HttpWhiteboardServletPattern("/partner/hook")
     * @HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
     * public final class PartnerHook extends HttpServlet { ... checks its shared secret ... }
     * }</pre>
     *
     * @since 1.3
     */
    public static final String CSRF_EXEMPT = "cec.csrf.exempt";

    /**
     * Manifest header of a bundle that describes its JSON APIs (below {@link #CROSS_SITE_API_PREFIX})
     * for the portal's OpenAPI 3.1 document at {@link #OPENAPI_PATH}: the path of a JSON resource in
     * the bundle holding an OpenAPI fragment, an object with {@code paths} and {@code components}
     * (schemas, parameters, responses), as in a whole OpenAPI document. The portal merges the
     * fragments of every active bundle, so a plugin's API is described while the plugin runs and is
     * gone when it goes. A path or component named by two bundles is kept from the first (by
     * symbolic name) and the other is logged. Fragments may refer to the portal's own components:
     * {@code #/components/schemas/Error} ({@code {"error": "...", "field": "..."}}).
     *
     * <pre>
     * CEC-OpenAPI: openapi/workshops.json
     * </pre>
     *
     * @since 1.5
     */
    public static final String OPENAPI_HEADER = "CEC-OpenAPI";

    /**
     * Path of the portal's OpenAPI 3.1 document, of every public JSON API of the modules and plugins
     * running now.
     *
     * @since 1.5
     */
    public static final String OPENAPI_PATH = "/api/v1/openapi.json";

    private PortalWeb() {}
}
