package org.cec.portal.itests.analyticsprobe;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cec.portal.api.analytics.AnalyticsEvent;
import org.cec.portal.api.analytics.AnalyticsRecorder;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * The activator of the test bundle {@code ImpactDistributionIT} deploys: an {@link AnalyticsRecorder} of
 * high rank that keeps every event it is given (no consent check: it shows what the modules report), and
 * a servlet {@value #PATH} of the portal's context that lists them, one a line ({@code type
 * {dimensions}}), sorted dimensions. Plain activator, no DS: the test builds the bundle from this class
 * file with a hand-written manifest.
 */
public final class RecordingProbe extends HttpServlet implements BundleActivator, AnalyticsRecorder {

    private static final long serialVersionUID = 1L;

    public static final String PATH = "/it/analytics-probe";

    private final transient List<String> events = new CopyOnWriteArrayList<>();
    private transient ServiceRegistration<AnalyticsRecorder> recorder;
    private transient ServiceRegistration<Servlet> servlet;

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> ranked = new Hashtable<>();
        ranked.put(Constants.SERVICE_RANKING, 1000);
        recorder = context.registerService(AnalyticsRecorder.class, this, ranked);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("osgi.http.whiteboard.servlet.pattern", PATH);
        props.put("osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=org.cec.portal)");
        servlet = context.registerService(Servlet.class, this, props);
    }

    @Override
    public void stop(BundleContext context) {
        recorder.unregister();
        servlet.unregister();
    }

    @Override
    public void record(HttpServletRequest request, AnalyticsEvent event) {
        events.add(line(event));
    }

    @Override
    public void record(AnalyticsEvent event) {
        events.add(line(event));
    }

    private static String line(AnalyticsEvent event) {
        Map<String, String> sorted = new TreeMap<>(event.dimensions());
        return event.type() + " " + sorted;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(String.join("\n", events));
    }
}
