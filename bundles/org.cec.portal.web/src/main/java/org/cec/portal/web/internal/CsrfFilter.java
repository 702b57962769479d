package org.cec.portal.web.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Refuses a form body that cannot be decoded (400 with the reason), and every state-changing request in the portal context that lacks a valid CSRF token (403
 * with a page that says why), and offers the token to templates through a request attribute. JSON
 * APIs under {@link PortalWeb#CROSS_SITE_API_PREFIX} are meant for other sites and are exempt, and so
 * are the servlets of the portal context that declare {@link PortalWeb#CSRF_EXEMPT} (they protect
 * themselves with a signed link or a shared secret; see {@link CsrfExemptions}).
 */
@Component(service = Filter.class)
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardFilterPattern("/*")
public final class CsrfFilter implements Filter {

    /** Request attribute with the key (of the web bundle's messages) of why a request was refused. */
    static final String REFUSAL_ATTRIBUTE = "org.cec.portal.csrf.refusal";

    private final Csrf csrf;
    private final CsrfExemptions exemptions = new CsrfExemptions();

    @Activate
    public CsrfFilter(@Reference PortalKeys keys) {
        this.csrf = keys.csrf();
    }

    /** A servlet that protects itself otherwise; only servlets of the portal context count. */
    @Reference(
            service = Servlet.class,
            target = "(" + PortalWeb.CSRF_EXEMPT + "=true)",
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeExempt",
            updated = "updateExempt")
    void addExempt(Map<String, Object> properties) {
        long id = (Long) properties.get("service.id");
        if (PortalWeb.CONTEXT_SELECT.equals(properties.get(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT))) {
            exemptions.put(id, properties.get(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN));
        } else {
            exemptions.remove(id);
        }
    }

    void updateExempt(Map<String, Object> properties) {
        addExempt(properties);
    }

    void removeExempt(Map<String, Object> properties) {
        exemptions.remove((Long) properties.get("service.id"));
    }

    /** The exemptions this filter honours (for tests). */
    CsrfExemptions exemptions() {
        return exemptions;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (RequestBodies.isForm(request)) {
            // the form is decoded here, before the token is read from it, so a malformed one is a 400
            Optional<String> malformed = RequestBodies.parametersError(request);
            if (malformed.isPresent()) {
                RequestBodies.drain(request);
                request.setAttribute(REFUSAL_ATTRIBUTE, malformed.get());
                response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                return;
            }
        }
        if (!Csrf.isSafe(request.getMethod())
                && !Csrf.isExempt(request)
                && !exemptions.covers(request.getServletPath(), request.getPathInfo())) {
            Optional<String> refusal = csrf.check(request);
            if (refusal.isPresent()) {
                RequestBodies.drain(request);
                request.setAttribute(REFUSAL_ATTRIBUTE, refusal.get());
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
        }
        request.setAttribute(PortalWeb.CSRF_TOKEN_ATTRIBUTE, csrf.lazyToken(request, response));
        chain.doFilter(request, response);
    }
}
