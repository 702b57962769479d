package org.cec.portal.analytics.internal.rollups;

import jakarta.json.spi.JsonProvider;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cec.portal.analytics.internal.AnalyticsSettings;
import org.cec.portal.api.data.ModuleDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is kept no longer: raw events of days before today less {@code raw.retentionDays}, and
 * rollups (with the ids of the events counted into them) of days before today less {@code
 * rollup.retentionDays}. Rollups are kept when raw events go. On PostgreSQL a monthly partition
 * {@code analytics_event_yyyy_mm} whose whole month has expired is dropped ({@code DROP TABLE}); the
 * expired rows of a month that has partly expired, and of the default partition, are deleted. On H2
 * whole expired months are deleted by {@code event_month}, then the expired days of the month that has partly
 * expired. What was deleted is logged at INFO and stored as JSON in {@value StateStore#RETENTION_LAST_RUN}
 * of {@code analytics_state}: {@code at}, {@code rawBefore}, {@code rawRows}, {@code partitions},
 * {@code rollupsBefore}, {@code rollupRows}.
 */
final class Retention {

    /** Found once: looking the JSON-P provider up (Json.create...) searches the bundles on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** What one run deleted. */
    record Run(
            Instant at,
            LocalDate rawBefore,
            long rawRows,
            List<String> partitions,
            LocalDate rollupsBefore,
            long rollupRows) {

        String json() {
            return JSON.createObjectBuilder()
                    .add("at", at.toString())
                    .add("rawBefore", rawBefore.toString())
                    .add("rawRows", rawRows)
                    .add("partitions", partitions.size())
                    .add("rollupsBefore", rollupsBefore.toString())
                    .add("rollupRows", rollupRows)
                    .build()
                    .toString();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final Pattern PARTITION = Pattern.compile("analytics_event_(\\d{4})_(\\d{2})");

    private final ModuleDatabase db;
    private final AnalyticsSettings settings;
    private final Clock clock;

    Retention(ModuleDatabase db, AnalyticsSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    /** When it last ran, from {@code analytics_state}. */
    Optional<Instant> lastRun() {
        return db.read(em -> StateStore.get(em.unwrap(Connection.class), StateStore.RETENTION_LAST_RUN))
                .map(Dimensions::object)
                .map(o -> Dimensions.text(o, "at"))
                .flatMap(at -> {
                    try {
                        return Optional.of(Instant.parse(at));
                    } catch (java.time.DateTimeException e) {
                        return Optional.empty();
                    }
                });
    }

    /** Runs when it has not run today yet. */
    Optional<Run> runIfDue() {
        LocalDate today = Days.today(clock);
        Optional<Instant> last = lastRun();
        if (last.isPresent() && !Days.dayOf(last.get(), clock).isBefore(today)) {
            return Optional.empty();
        }
        return Optional.of(run());
    }

    /** Deletes what has expired, now. */
    Run run() {
        LocalDate today = Days.today(clock);
        LocalDate rawBefore = today.minusDays(settings.rawRetentionDays());
        LocalDate rollupsBefore = today.minusDays(settings.rollupRetentionDays());
        List<String> dropped = new ArrayList<>();
        long rawRows = db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            boolean postgres = c.getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
            long rows = postgres ? dropPartitions(c, rawBefore, dropped) : deleteMonths(c, rawBefore);
            return rows + delete(c, "DELETE FROM analytics_event WHERE event_day < ?", rawBefore);
        });
        long rollupRows = db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            delete(c, "DELETE FROM analytics_counted_event WHERE counted_day < ?", rollupsBefore);
            return delete(c, "DELETE FROM analytics_daily WHERE rollup_day < ?", rollupsBefore);
        });
        Run run = new Run(clock.instant(), rawBefore, rawRows, List.copyOf(dropped), rollupsBefore, rollupRows);
        db.inTransaction(em -> {
            StateStore.put(em.unwrap(Connection.class), StateStore.RETENTION_LAST_RUN, run.json(), run.at());
            return null;
        });
        LOG.info(
                "Analytics retention: {} raw event(s) before {} deleted{}, {} rollup row(s) before {} deleted",
                rawRows,
                rawBefore,
                dropped.isEmpty() ? "" : " (partitions dropped: " + String.join(", ", dropped) + ")",
                rollupRows,
                rollupsBefore);
        return run;
    }

    /** The first day of the month of {@code day}. */
    static LocalDate month(LocalDate day) {
        return day.withDayOfMonth(1);
    }

    /** H2: deletes the months that ended before {@code before}; returns the rows. */
    private static long deleteMonths(Connection c, LocalDate before) throws SQLException {
        return delete(c, "DELETE FROM analytics_event WHERE event_month < ?", month(before));
    }

    /**
     * PostgreSQL: drops the partitions of months that ended before {@code before} (each counted first,
     * for the log); returns their rows.
     */
    private static long dropPartitions(Connection c, LocalDate before, List<String> dropped) throws SQLException {
        List<String[]> expired = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT n.nspname, k.relname FROM pg_inherits i"
                        + " JOIN pg_class k ON k.oid = i.inhrelid JOIN pg_namespace n ON n.oid = k.relnamespace"
                        + " WHERE i.inhparent = 'analytics_event'::regclass")) {
            while (r.next()) {
                Matcher m = PARTITION.matcher(r.getString(2));
                if (m.matches()) {
                    LocalDate month = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
                    if (!month.plusMonths(1).isAfter(before)) {
                        expired.add(new String[] {r.getString(1), r.getString(2)});
                    }
                }
            }
        }
        expired.sort((a, b) -> a[1].compareTo(b[1]));
        long rows = 0;
        for (String[] p : expired) {
            String table = quote(p[0]) + "." + quote(p[1]);
            try (Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rows += r.next() ? r.getLong(1) : 0;
                }
                s.execute("DROP TABLE " + table);
            }
            dropped.add(p[1]);
        }
        return rows;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static long delete(Connection c, String sql, LocalDate before) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setDate(1, Date.valueOf(before));
            return s.executeUpdate();
        }
    }
}
