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

    private PortalWeb() {}
}
