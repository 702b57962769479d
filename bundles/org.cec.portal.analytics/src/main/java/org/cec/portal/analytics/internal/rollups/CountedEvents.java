package org.cec.portal.analytics.internal.rollups;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cec.portal.analytics.internal.AnalyticsSettings;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.events.EventConsumer;
import org.cec.portal.api.events.PortalEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Counts events of the event log into the rollups of the day they were appended: {@value #OPENED}
 * and {@value #CLICKED} into {@code email-opens} and {@code email-clicks} (item: the payload's {@code
 * campaign}, {@code ""} when it names none), {@value #CONSENT_CHANGED} into {@code consent-choices}
 * (items {@code <purpose>:granted} or {@code <purpose>:refused} for each purpose the choice names). It
 * reads the whole log from the beginning (consent choices of the past count too), skipping events older
 * than the rollups are kept. Delivery is at least once: the id of each counted event is stored in the
 * transaction that counts it ({@code analytics_counted_event}), and an event seen before is skipped.
 */
@Component(service = EventConsumer.class)
public final class CountedEvents implements EventConsumer {

    static final String OPENED = "email.opened";
    static final String CLICKED = "email.clicked";
    static final String CONSENT_CHANGED = "consent.changed";

    private record Count(String metric, String item) {}

    private final ModuleDatabase db;
    private final AnalyticsSettings settings;
    private final Clock clock;

    @Activate
    public CountedEvents(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=analytics)") ModuleDatabase db,
            @Reference AnalyticsSettings settings) {
        this(db, settings, Days.clock(settings));
    }

    CountedEvents(ModuleDatabase db, AnalyticsSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String consumerId() {
        return "analytics.counts";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(OPENED, CLICKED, CONSENT_CHANGED);
    }

    @Override
    public StartFrom startFrom() {
        return StartFrom.BEGINNING;
    }

    @Override
    public void handle(PortalEvent event) {
        LocalDate day = Days.dayOf(event.appendedAt(), clock);
        if (day.isBefore(Days.today(clock).minusDays(settings.rollupRetentionDays()))) {
            return; // its rollups would be deleted at once
        }
        List<Count> counts = counts(event);
        if (counts.isEmpty()) {
            return;
        }
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            if (!markCounted(c, event.id(), day)) {
                return null;
            }
            for (Count n : counts) {
                DailyStore.add(c, day, n.metric(), n.item(), 1);
            }
            return null;
        });
    }

    /** What {@code event} counts. */
    static List<Count> counts(PortalEvent event) {
        JsonObject p = Dimensions.object(event.payload());
        List<Count> out = new ArrayList<>();
        switch (event.type()) {
            case OPENED -> out.add(new Count(Metrics.EMAIL_OPENS, item(Dimensions.text(p, "campaign"))));
            case CLICKED -> out.add(new Count(Metrics.EMAIL_CLICKS, item(Dimensions.text(p, "campaign"))));
            case CONSENT_CHANGED -> {
                for (Purpose purpose : Purpose.values()) {
                    JsonValue v = p.get(purpose.id());
                    if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
                        String choice = v == JsonValue.TRUE ? "granted" : "refused";
                        out.add(new Count(Metrics.CONSENT_CHOICES, purpose.id() + ":" + choice));
                    }
                }
            }
            default -> {}
        }
        return out;
    }

    private static String item(String s) {
        return s.length() > Metrics.MAX_ITEM ? s.substring(0, Metrics.MAX_ITEM) : s;
    }

    /** Stores the id of a counted event; false when it was counted before. */
    private static boolean markCounted(Connection c, long id, LocalDate day) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM analytics_counted_event WHERE event_id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement i =
                c.prepareStatement("INSERT INTO analytics_counted_event (event_id, counted_day) VALUES (?, ?)")) {
            i.setLong(1, id);
            i.setDate(2, Date.valueOf(day));
            i.executeUpdate();
        }
        return true;
    }
}
