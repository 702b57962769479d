package org.cec.portal.itests.partnerdata;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.cec.portal.api.privacy.PersonalDataProvider;
import org.cec.portal.api.privacy.PersonalRecord;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The activator of a partner's test plugin that {@code PrivacyRequestsDistributionIT} deploys: it holds
 * workshop sign-ups (area {@value #AREA}) for the addresses of its {@value #SIGNUPS} manifest header, as
 * a partner's module would, and lists the addresses it still holds at {@value #PATH}, so that the test
 * sees an erasure reach it. Its texts are the bundle's own {@code messages/messages*.properties}. Plain
 * activator, no DS: the test builds the bundle from this class file with a hand-written manifest.
 */
public final class WorkshopSignups extends HttpServlet implements BundleActivator, PersonalDataProvider {

    private static final long serialVersionUID = 1L;

    public static final String AREA = "workshops";
    public static final String SIGNUPS = "Workshop-Signups";
    public static final String PATH = "/it/workshop-signups";

    private final transient Set<String> signedUp = new ConcurrentSkipListSet<>();
    private transient ServiceRegistration<PersonalDataProvider> provider;
    private transient ServiceRegistration<Servlet> servlet;

    @Override
    public void start(BundleContext context) {
        for (String address : context.getBundle().getHeaders().get(SIGNUPS).split(",")) {
            signedUp.add(address.strip().toLowerCase(Locale.ROOT));
        }
        provider = context.registerService(PersonalDataProvider.class, this, new Hashtable<>());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", PATH);
        props.put("osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=org.cec.portal)");
        servlet = context.registerService(Servlet.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
        provider.unregister();
        servlet.unregister();
    }

    @Override
    public String area() {
        return AREA;
    }

    @Override
    public List<PersonalRecord> export(String normalisedEmail) {
        if (!signedUp.contains(normalisedEmail)) {
            return List.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("email", normalisedEmail);
        fields.put("workshop", "Heat pumps 101");
        fields.put("contact method", "phone");
        return List.of(new PersonalRecord("workshops.signup", Instant.parse("2026-11-20T17:00:00Z"), fields));
    }

    @Override
    public int erase(String normalisedEmail) {
        return signedUp.remove(normalisedEmail) ? 1 : 0;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(String.join("\n", new TreeSet<>(signedUp)));
    }
}
