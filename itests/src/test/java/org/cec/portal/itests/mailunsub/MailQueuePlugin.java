package org.cec.portal.itests.mailunsub;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.MailRefusedException;
import org.cec.portal.api.email.MailTemplates;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.email.QueuedMail;
import org.cec.portal.api.web.PortalWeb;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The test plugin {@code mailunsub} that the unsubscribe tests drop into a running portal, built against the SDK
 * only (plain activator, no DS: the test builds the bundle from these class files). It adds two message types
 * through {@link MailTemplates} ({@value #COMMERCIAL}, a commercial one that shows {@code unsubscribeUrl} and
 * {@code postalAddress}, and {@value #RELATIONSHIP}; the HTML parts of both have a link of their own, which
 * tracking rewrites in commercial ones only), and lets the test queue them with the portal's {@link
 * Mailer} over HTTP: {@code POST /itests/mail} with {@code kind}, {@code to} and {@code lang} answers {@code 200
 * queued <id>}, {@code 409 refused <REASON>} or {@code 400 bad <reason>}.
 *
 * <p>That servlet protects itself by being a test plugin and declares {@link PortalWeb#CSRF_EXEMPT}; the same
 * servlet is also registered on {@code /itests/mail-checked} without it, which must keep the CSRF check.
 */
public final class MailQueuePlugin implements BundleActivator {

    public static final String COMMERCIAL = "itests.promo";
    public static final String RELATIONSHIP = "itests.notice";
    public static final String EXEMPT_PATH = "/itests/mail";
    public static final String CHECKED_PATH = "/itests/mail-checked";

    /** The link of the commercial type's HTML part (English), as the tracking tests expect it back. */
    public static final String OFFERS = "https://shop.example.org/spring?season=spring&lang=en";

    /** The link of the relationship type's HTML part. */
    public static final String HELP = "https://help.example.org/requests";

    private static final String OFFERS_HTML = OFFERS.replace("&", "&amp;");

    private ServiceTracker<Mailer, Mailer> mailer;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    /** The class files that make up the bundle. */
    public static Class<?>[] bundleClasses() {
        return new Class<?>[] {MailQueuePlugin.class, QueueServlet.class, Templates.class};
    }

    /** The bundle's Import-Package header. */
    public static String imports() {
        return "org.cec.portal.api.email;version=\"[1.0,2)\","
                + "org.cec.portal.api.web;version=\"[1.3,2)\","
                + "jakarta.servlet;version=\"[5.0,7)\","
                + "jakarta.servlet.http;version=\"[5.0,7)\","
                + "org.osgi.framework;version=\"[1.8,2)\","
                + "org.osgi.util.tracker;version=\"[1.5,2)\"";
    }

    @Override
    public void start(BundleContext context) {
        mailer = new ServiceTracker<>(context, Mailer.class, null);
        mailer.open();
        Hashtable<String, Object> templates = new Hashtable<>();
        templates.put("service.ranking", 100);
        registrations.add(context.registerService(MailTemplates.class, new Templates(), templates));
        registrations.add(context.registerService(Servlet.class, new QueueServlet(mailer), servlet(EXEMPT_PATH, true)));
        registrations.add(
                context.registerService(Servlet.class, new QueueServlet(mailer), servlet(CHECKED_PATH, false)));
    }

    private static Hashtable<String, Object> servlet(String pattern, boolean exempt) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("osgi.http.whiteboard.context.select", PortalWeb.CONTEXT_SELECT);
        p.put("osgi.http.whiteboard.servlet.pattern", pattern);
        if (exempt) {
            p.put(PortalWeb.CSRF_EXEMPT, Boolean.TRUE);
        }
        return p;
    }

    @Override
    public void stop(BundleContext context) {
        registrations.forEach(ServiceRegistration::unregister);
        mailer.close();
    }

    /** Queues one message of the test's types. */
    static final class QueueServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient ServiceTracker<Mailer, Mailer> mailer;

        QueueServlet(ServiceTracker<Mailer, Mailer> mailer) {
            this.mailer = mailer;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Mailer m = mailer.getService();
            if (m == null) {
                answer(response, 503, "no mailer");
                return;
            }
            boolean commercial = "commercial".equals(request.getParameter("kind"));
            String to = request.getParameter("to");
            String lang = request.getParameter("lang");
            try {
                MailMessage.Builder message = commercial
                        ? MailMessage.commercial(COMMERCIAL, MailAddress.of(to), lang)
                        : MailMessage.relationship(RELATIONSHIP, MailAddress.of(to), lang);
                QueuedMail queued = m.queue(message.with("name", "Ana").build());
                answer(response, 200, "queued " + queued.id());
            } catch (MailRefusedException e) {
                answer(response, 409, "refused " + e.reason());
            } catch (IllegalArgumentException | NullPointerException e) {
                answer(response, 400, "bad " + e.getMessage());
            }
        }

        private static void answer(HttpServletResponse response, int status, String text) throws IOException {
            response.setStatus(status);
            response.setContentType("text/plain;charset=UTF-8");
            response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The test's two message types, in English and Spanish. */
    static final class Templates implements MailTemplates {
        private static final Map<String, String> SOURCES = Map.of(
                COMMERCIAL + ".en.SUBJECT", "Spring offers for ${name}",
                COMMERCIAL + ".en.TEXT",
                        "Our spring offers, ${name}.\n\nUnsubscribe: ${unsubscribeUrl}\n\n${postalAddress}\n",
                COMMERCIAL + ".en.HTML",
                        "<p>Our spring offers, ${name}.</p><p><a href=\"" + OFFERS_HTML + "\">See the offers</a></p>"
                                + "<p><a href=\"${unsubscribeUrl}\">Unsubscribe</a></p>"
                                + "<p>${postalAddress}</p>",
                COMMERCIAL + ".es.SUBJECT", "Ofertas de primavera para ${name}",
                COMMERCIAL + ".es.TEXT",
                        "Nuestras ofertas, ${name}.\n\nDarse de baja: ${unsubscribeUrl}\n\n${postalAddress}\n",
                COMMERCIAL + ".es.HTML",
                        "<p>Nuestras ofertas, ${name}.</p><p><a href=\"${unsubscribeUrl}\">Darse de baja</a></p>"
                                + "<p>${postalAddress}</p>",
                RELATIONSHIP + ".en.SUBJECT", "Your request, ${name}",
                RELATIONSHIP + ".en.TEXT", "We received your request, ${name}.\n",
                RELATIONSHIP + ".en.HTML",
                        "<p>We received your request, ${name}.</p><p><a href=\"" + HELP + "\">Help</a></p>");

        @Override
        public Optional<String> template(String type, String language, Part part) {
            return Optional.ofNullable(SOURCES.get(type + "." + language + "." + part.name()));
        }
    }
}
