package org.cec.portal.web.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Sets the visitor's language ({@link Languages#ATTRIBUTE}) on every request of the portal context,
 * before any other filter, and remembers a language chosen with the switcher in {@value
 * Languages#COOKIE}: strictly necessary, {@code HttpOnly}, {@code SameSite=Lax}, holding {@code en}
 * or {@code es} only. Answers say which language they are in ({@code Content-Language}) and that
 * they depend on the visitor's {@code Accept-Language}. On the paths of servlets that own the {@code
 * lang} parameter ({@link Languages#OWNS_LANG_PROPERTY}) only {@code page-lang} chooses the language.
 */
@Component(service = Filter.class, property = Constants.SERVICE_RANKING + ":Integer=1000")
@HttpWhiteboardContextSelect(PortalWeb.CONTEXT_SELECT)
@HttpWhiteboardFilterPattern("/*")
public final class LanguageFilter implements Filter {

    static final Duration REMEMBERED_FOR = Duration.ofDays(365);

    private final LangOwningPaths owningPaths = new LangOwningPaths();

    @Reference(
            service = Servlet.class,
            target = "(" + Languages.OWNS_LANG_PROPERTY + "=true)",
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addLangOwner(ServiceReference<Servlet> servlet) {
        owningPaths.add(servlet, servlet.getProperty(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN));
    }

    void removeLangOwner(ServiceReference<Servlet> servlet) {
        owningPaths.remove(servlet);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        boolean ownsLang = owningPaths.owns(Csrf.pathWithinContext(request));
        if (ownsLang) {
            request.setAttribute(LangOwningPaths.ATTRIBUTE, Boolean.TRUE);
        }
        Optional<Locale> chosen = VisitorLanguages.chosen(request, ownsLang);
        Optional<Locale> remembered = VisitorLanguages.remembered(request);
        Locale language = chosen.or(() -> remembered).orElseGet(() -> VisitorLanguages.accepted(request));
        if (chosen.isPresent() && !chosen.equals(remembered)) {
            remember(request, response, chosen.get());
        }
        request.setAttribute(Languages.ATTRIBUTE, language);
        response.setHeader("Content-Language", language.toLanguageTag());
        response.addHeader("Vary", "Accept-Language");
        chain.doFilter(request, response);
    }

    private static void remember(HttpServletRequest request, HttpServletResponse response, Locale language) {
        Cookie cookie = new Cookie(Languages.COOKIE, language.getLanguage());
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath("/");
        cookie.setMaxAge((int) REMEMBERED_FOR.toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }
}
