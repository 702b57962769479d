package org.cec.portal.platform.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.owasp.encoder.Encode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console page "Event log": every consumer with its position and lag, and the parked events
 * with a Retry button. The console signs the admin in and checks that a POST comes from its own
 * origin; this page escapes everything it prints.
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=events",
            ServletConstants.PLUGIN_TITLE + "=Event log",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal"
        })
public final class EventLogConsolePlugin extends AbstractServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EventLogConsolePlugin.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PlatformDatabase database;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile EventDispatcher dispatcher;

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        PlatformDatabase db = database;
        String message = request.getParameter("message");
        if (message != null && message.length() < 200) {
            out.println("<p class=\"statline\">" + escape(message) + "</p>");
        }
        if (db == null) {
            out.println("<p class=\"statline\">The database is not connected: see the health check"
                    + " <em>Database</em>.</p>");
            return;
        }
        EventStore store = new EventStore(db.dialect());
        try (Connection c = db.dataSource().getConnection()) {
            long last = store.lastId(c);
            List<EventLogStatistics.ConsumerStatus> consumers = new EventLogStatistics().consumers(c);
            List<ParkedEvents.Parked> parked = new ParkedEvents().parked(c, null, false);
            out.println("<p class=\"statline\">" + last + " event(s) appended; " + consumers.size() + " consumer(s); "
                    + parked.size() + " parked event(s).</p>");
            out.println("<table class=\"tablesorter nicetable\"><thead><tr><th>Consumer</th><th>Event types</th>"
                    + "<th>Position</th><th>Lag (events waiting)</th><th>Failing</th></tr></thead><tbody>");
            for (EventLogStatistics.ConsumerStatus s : consumers) {
                out.println("<tr><td>" + escape(s.consumerId()) + "</td><td>"
                        + escape(s.eventTypes().isEmpty() ? "(all)" : s.eventTypes()) + "</td><td>" + s.position()
                        + "</td><td>" + s.pending() + "</td><td>"
                        + (s.attempts() == 0 ? "" : escape("attempt " + s.attempts() + ": " + s.lastError()))
                        + "</td></tr>");
            }
            out.println("</tbody></table>");
            out.println("<h2>Parked events</h2>");
            if (parked.isEmpty()) {
                out.println("<p>None.</p>");
                return;
            }
            String action = escape(pluginRoot(request));
            out.println("<table class=\"tablesorter nicetable\"><thead><tr><th>Consumer</th><th>Event</th><th>Type</th>"
                    + "<th>Attempts</th><th>Last error</th><th>Parked</th><th></th></tr></thead><tbody>");
            for (ParkedEvents.Parked p : parked) {
                String type = store.event(c, p.eventId()).map(e -> e.type()).orElse("(gone)");
                out.println("<tr><td>" + escape(p.consumerId()) + "</td><td>" + p.eventId() + "</td><td>"
                        + escape(type) + "</td><td>" + p.attempts() + "</td><td>" + escape(p.lastError()) + "</td><td>"
                        + escape(TIME.format(p.parkedAt().atOffset(ZoneOffset.UTC))) + "</td><td>"
                        + (p.retryRequested()
                                ? "retry requested"
                                : "<form method=\"post\" action=\"" + action + "\">"
                                        + "<input type=\"hidden\" name=\"consumer\" value=\"" + escape(p.consumerId())
                                        + "\"><input type=\"hidden\" name=\"event\" value=\"" + p.eventId() + "\">"
                                        + "<button type=\"submit\">Retry</button></form>")
                        + "</td></tr>");
            }
            out.println("</tbody></table>");
        } catch (SQLException e) {
            out.println("<p class=\"statline\">The event log cannot be read: " + escape(e.getMessage()) + "</p>");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PlatformDatabase db = database;
        String consumer = request.getParameter("consumer");
        String event = request.getParameter("event");
        String message;
        if (db == null) {
            message = "The database is not connected.";
        } else if (consumer == null || event == null || !event.matches("\\d{1,18}")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "consumer and event are required");
            return;
        } else {
            try (Connection c = db.dataSource().getConnection()) {
                boolean found = new ParkedEvents().requestRetry(c, consumer, Long.parseLong(event));
                message = found ? "Retry of event " + event + " requested." : "No such parked event.";
                if (found) {
                    LOG.info("Retry of parked event {} for consumer {} requested in the console", event, consumer);
                }
            } catch (SQLException e) {
                message = "The retry could not be stored: " + e.getMessage();
            }
            EventDispatcher d = dispatcher;
            if (d != null) {
                d.wake();
            }
        }
        // Post/redirect/get: a reload does not post again.
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader(
                "Location", pluginRoot(request) + "?message=" + java.net.URLEncoder.encode(message, "UTF-8"));
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? "events" : root.toString();
    }

    /** HTML-escapes text for element content and quoted attributes (OWASP Java Encoder). */
    static String escape(String s) {
        return s == null ? "" : Encode.forHtml(String.valueOf(s));
    }
}
