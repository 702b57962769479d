package org.cec.portal.analytics.internal.recording;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cec.portal.analytics.internal.AnalyticsSettings;
import org.cec.portal.api.analytics.AnalyticsEvent;
import org.cec.portal.api.analytics.AnalyticsRecorder;
import org.cec.portal.api.analytics.RawEvent;
import org.cec.portal.api.consent.ConsentService;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.i18n.Languages;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's {@link AnalyticsRecorder}, and the page views of {@link PageViewFilter}: decides from
 * the visitor's consent whether anything is kept, takes what may be kept from the request and hands
 * it to the {@link EventWriter}'s buffer. It never blocks and never throws.
 *
 * <ul>
 *   <li>With the analytics consent ({@link ConsentService#allows(HttpServletRequest, Purpose)}, which
 *       also refuses a visitor sending DNT or GPC without an opt-in) and not an obvious bot: the
 *       normalised path, the referrer's host, the campaign parameters, the language, and the address
 *       and user agent from which the writer makes the day's visitor key and the device fields.
 *   <li>Without it: nothing; only a page view, when the operator turned on {@code
 *       anonymous.pageviews}, with its day and path (and the start of the day as its time).
 *   <li>No {@code ConsentService}: as without consent.
 * </ul>
 */
@Component(service = {AnalyticsRecorder.class, Recorder.class})
public final class Recorder implements AnalyticsRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

    private final EventWriter writer;
    private final AnalyticsSettings settings;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConsentService consent;

    @Activate
    public Recorder(@Reference EventWriter writer, @Reference AnalyticsSettings settings) {
        this.writer = writer;
        this.settings = settings;
    }

    /** A recorder with this consent service (null: none), for tests. */
    public Recorder(EventWriter writer, AnalyticsSettings settings, ConsentService consent) {
        this(writer, settings);
        this.consent = consent;
    }

    /** Records a page view of {@code request} (a successful GET of an HTML page, as the filter found). */
    public void pageView(HttpServletRequest request) {
        try {
            Instant at = writer.clock().instant();
            LocalDate day = LocalDate.ofInstant(at, writer.clock().getZone());
            String path = PagePaths.normalise(pathOf(request));
            if (consented(request)) {
                String userAgent = request.getHeader("User-Agent");
                if (UserAgents.obviousBot(userAgent)) {
                    return;
                }
                writer.offer(new Pending(
                        RawEvent.PAGE_VIEW,
                        at,
                        day,
                        path,
                        TrafficSources.referrerHost(request.getHeader("Referer"), request.getServerName()),
                        TrafficSources.utm(request.getParameter("utm_source")),
                        TrafficSources.utm(request.getParameter("utm_medium")),
                        TrafficSources.utm(request.getParameter("utm_campaign")),
                        Languages.of(request).getLanguage(),
                        userAgent,
                        request.getRemoteAddr(),
                        Map.of()));
            } else if (settings.anonymousPageViews() && !UserAgents.obviousBot(request.getHeader("User-Agent"))) {
                Instant startOfDay = day.atStartOfDay(writer.clock().getZone()).toInstant();
                writer.offer(Pending.anonymous(startOfDay, day, path));
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void record(HttpServletRequest request, AnalyticsEvent event) {
        try {
            if (event == null || !consented(request)) {
                return;
            }
            String userAgent = request.getHeader("User-Agent");
            if (UserAgents.obviousBot(userAgent)) {
                return;
            }
            Instant at = writer.clock().instant();
            writer.offer(new Pending(
                    event.type(),
                    at,
                    LocalDate.ofInstant(at, writer.clock().getZone()),
                    pathOf(event),
                    null,
                    null,
                    null,
                    null,
                    Languages.of(request).getLanguage(),
                    userAgent,
                    request.getRemoteAddr(),
                    dimensionsOf(event)));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void record(AnalyticsEvent event) {
        try {
            if (event == null) {
                return;
            }
            Instant at = writer.clock().instant();
            writer.offer(new Pending(
                    event.type(),
                    at,
                    LocalDate.ofInstant(at, writer.clock().getZone()),
                    pathOf(event),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    dimensionsOf(event)));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Whether the visitor allows analytics; refused when no consent service is there or it fails. */
    private boolean consented(HttpServletRequest request) {
        ConsentService service = consent;
        if (service == null || request == null) {
            return false;
        }
        try {
            return service.allows(request, Purpose.ANALYTICS);
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
    }

    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri != null && context != null && !context.isEmpty() && uri.startsWith(context)) {
            uri = uri.substring(context.length());
        }
        return uri;
    }

    /** A {@code not-found} event's path, normalised (it is kept in the path column too); else null. */
    private static String pathOf(AnalyticsEvent event) {
        String path = event.dimensions().get("path");
        return AnalyticsEvent.NOT_FOUND.equals(event.type()) && path != null ? PagePaths.normalise(path) : null;
    }

    /** The event's dimensions, a {@code path} dimension normalised (never a token in the data). */
    private static Map<String, String> dimensionsOf(AnalyticsEvent event) {
        String path = event.dimensions().get("path");
        if (path == null) {
            return event.dimensions();
        }
        Map<String, String> copy = new HashMap<>(event.dimensions());
        copy.put("path", PagePaths.normalise(path));
        return copy;
    }

    private void failed(RuntimeException e) {
        if (failureLogged.compareAndSet(false, true)) {
            LOG.warn(
                    "Analytics: an event could not be taken ({}); further such failures are not logged",
                    e.getClass().getName());
        }
    }
}
