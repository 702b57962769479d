package org.cec.portal.platform.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.api.i18n.Translations;
import org.cec.portal.api.web.ConsoleViewRenderer;
import org.cec.portal.api.web.PageFragment;
import org.osgi.framework.BundleContext;
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
 * everything it prints and holds the page's texts (keys {@code console.events.*} of the bundle's
 * {@code messages/messages*.properties}, in the staff member's language). A retry's outcome is
 * carried through the redirect as a message key ({@code ?message=}, one of {@link #FLASHES}; any
 * other value is ignored) and its plain arguments ({@code &arg=}).
 */
@Component(
        service = Servlet.class,
        property = {
            ServletConstants.PLUGIN_LABEL + "=" + EventLogConsolePlugin.LABEL,
            ServletConstants.PLUGIN_TITLE + "=Event log",
            ServletConstants.PLUGIN_CATEGORY + "=CEC Portal"
        })
public final class EventLogConsolePlugin extends AbstractServlet {

    static final String LABEL = "events";
    static final String FLASH_NOT_CONNECTED = "console.events.flash.notConnected";
    static final String FLASH_RETRY_REQUESTED = "console.events.flash.retryRequested";
    static final String FLASH_NO_SUCH_PARKED = "console.events.flash.noSuchParked";
    static final String FLASH_RETRY_NOT_STORED = "console.events.flash.retryNotStored";
    /** The message keys a redirect may carry in {@code ?message=}. */
    static final Set<String> FLASHES =
            Set.of(FLASH_NOT_CONNECTED, FLASH_RETRY_REQUESTED, FLASH_NO_SUCH_PARKED, FLASH_RETRY_NOT_STORED);

    static final String REFUSED_MISSING = "console.events.refused.missing";
    /** The most arguments a flash message takes from the URL, and the most characters of each. */
    static final int MAX_ARGS = 2;

    static final int MAX_ARG = 200;
    /** The health check that tells why the database is not connected ({@code Database}'s name). */
    static final String DATABASE_CHECK = "Database";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EventLogConsolePlugin.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static final String TEMPLATE = "platform/console/events.ftlh";

    private final transient ConsoleViewRenderer views;
    private final transient Messages texts;

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
    public EventLogConsolePlugin(
            @Reference ConsoleViewRenderer views, @Reference Translations translations, BundleContext context) {
        this(views, translations.of(context.getBundle()));
    }

    /** A page rendered by {@code views}, with the bundle's {@code texts} for the answers Java writes. */
    EventLogConsolePlugin(ConsoleViewRenderer views, Messages texts) {
        this.views = views;
        this.texts = texts;
    }

    /** Binds the database, as DS does (for tests). */
    void setDatabase(PlatformDatabase database) {
        this.database = database;
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> model = new HashMap<>();
        String message = request.getParameter("message");
        if (message != null && FLASHES.contains(message)) {
            model.put("message", message);
            model.put("messageArgs", flashArgs(request));
        } else {
            model.put("message", "");
            model.put("messageArgs", List.of());
        }
        model.put("root", pluginRoot(request));
        model.put("healthCheck", DATABASE_CHECK);
        PlatformDatabase db = database;
        model.put("available", db != null);
        if (db != null) {
            read(db, model);
        }
        views.render(request, response, new PageFragment(TEMPLATE, model));
    }

    /** The flash message's arguments of the URL ({@code &arg=}), at most {@link #MAX_ARGS}, each shortened. */
    private static List<String> flashArgs(HttpServletRequest request) {
        String[] values = request.getParameterValues("arg");
        List<String> args = new ArrayList<>();
        if (values != null) {
            for (int i = 0; i < values.length && i < MAX_ARGS; i++) {
                String v = values[i] == null ? "" : values[i];
                args.add(v.length() > MAX_ARG ? v.substring(0, MAX_ARG) : v);
            }
        }
        return args;
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
                        "types", text(s.eventTypes()),
                        "position", s.position(),
                        "pending", s.pending(),
                        "attempts", s.attempts(),
                        "lastError", text(s.lastError())));
            }
            List<Map<String, Object>> parkedRows = new ArrayList<>();
            for (ParkedEvents.Parked p : parked) {
                Optional<String> type = store.event(c, p.eventId()).map(e -> e.type());
                parkedRows.add(Map.of(
                        "consumer", text(p.consumerId()),
                        "event", p.eventId(),
                        "type", text(type.orElse("")),
                        "gone", type.isEmpty(),
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
        List<String> args = List.of();
        if (db == null) {
            message = FLASH_NOT_CONNECTED;
        } else if (consumer == null || event == null || !event.matches("\\d{1,18}")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, texts.get(views.language(request), REFUSED_MISSING));
            return;
        } else {
            try (Connection c = db.dataSource().getConnection()) {
                boolean found = new ParkedEvents().requestRetry(c, consumer, Long.parseLong(event));
                message = found ? FLASH_RETRY_REQUESTED : FLASH_NO_SUCH_PARKED;
                if (found) {
                    args = List.of(event);
                    LOG.info("Retry of parked event {} for consumer {} requested in the console", event, consumer);
                }
            } catch (SQLException e) {
                message = FLASH_RETRY_NOT_STORED;
                args = List.of(text(e.getMessage()));
            }
            EventDispatcher d = dispatcher;
            if (d != null) {
                d.wake();
            }
        }
        // Post/redirect/get: a reload does not post again.
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", pluginRoot(request) + "?" + flashQuery(message, args));
    }

    /** {@code message=<key>&arg=<value>...}, URL-encoded; an argument longer than the page shows is shortened. */
    static String flashQuery(String key, List<String> args) {
        StringBuilder query = new StringBuilder("message=").append(URLEncoder.encode(key, StandardCharsets.UTF_8));
        for (String arg : args) {
            String v = arg.length() > MAX_ARG ? arg.substring(0, MAX_ARG) : arg;
            query.append("&arg=").append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT);
        return root == null ? LABEL : root.toString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
