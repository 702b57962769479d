package org.cec.portal.platform.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web Console page "Event log": every consumer with its position and lag, and the parked events
 * with a Retry button. The console signs the admin in and checks that a POST comes from its own
 * origin. The page is rendered from {@code templates/platform/console/events.ftlh}, which escapes
 * everything it prints.
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
    private static final String TEMPLATE = "platform/console/events.ftlh";

    private final transient ConsoleViewRenderer views;

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

    @Activate
    public EventLogConsolePlugin(@Reference ConsoleViewRenderer views) {
        this.views = views;
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> model = new HashMap<>();
        String message = request.getParameter("message");
        model.put("message", message != null && message.length() < 200 ? message : "");
        model.put("root", pluginRoot(request));
        PlatformDatabase db = database;
        model.put("available", db != null);
        if (db != null) {
            read(db, model);
        }
        views.render(request, response, new PageFragment(TEMPLATE, model));
    }

    /** The consumers and parked events, or {@code readError} when the log cannot be read. */
    private static void read(PlatformDatabase db, Map<String, Object> model) {
        EventStore store = new EventStore(db.dialect());
        try (Connection c = db.dataSource().getConnection()) {
            long last = store.lastId(c);
            List<EventLogStatistics.ConsumerStatus> consumers = new EventLogStatistics().consumers(c);
            List<ParkedEvents.Parked> parked = new ParkedEvents().parked(c, null, false);
            List<Map<String, Object>> consumerRows = new ArrayList<>();
            for (EventLogStatistics.ConsumerStatus s : consumers) {
                consumerRows.add(Map.of(
                        "consumer", text(s.consumerId()),
                        "types", s.eventTypes().isEmpty() ? "(all)" : s.eventTypes(),
                        "position", s.position(),
                        "pending", s.pending(),
                        "failing", s.attempts() == 0 ? "" : "attempt " + s.attempts() + ": " + s.lastError()));
            }
            List<Map<String, Object>> parkedRows = new ArrayList<>();
            for (ParkedEvents.Parked p : parked) {
                String type = store.event(c, p.eventId()).map(e -> e.type()).orElse("(gone)");
                parkedRows.add(Map.of(
                        "consumer", text(p.consumerId()),
                        "event", p.eventId(),
                        "type", text(type),
                        "attempts", p.attempts(),
                        "lastError", text(p.lastError()),
                        "parkedAt", TIME.format(p.parkedAt().atOffset(ZoneOffset.UTC)),
                        "retryRequested", p.retryRequested()));
            }
            model.put("last", last);
            model.put("consumers", consumerRows);
            model.put("parked", parkedRows);
        } catch (SQLException e) {
            model.put("readError", text(e.getMessage()));
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

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
