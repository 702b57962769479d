package org.cec.portal.analytics.internal.impact;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The impact page's tables ({@code analytics_impact}, {@code analytics_impact_lead}, {@code
 * analytics_impact_seen}, see V4) on one connection of the analytics module's database: counts by
 * metric, month, ZIP3 and service, the ZIP3 of each lead shared and the ids of the events counted.
 */
final class ImpactStore {

    /** Requests, per service. */
    static final String REQUESTS = "requests";

    /** Leads shared with a contractor. */
    static final String LEADS = "leads";

    /** Jobs a contractor reported done. */
    static final String JOBS_DONE = "jobs-done";

    /** One stored count. */
    record Count(String metric, YearMonth month, String zip3, String service, long counted) {}

    /** A lead shared: its ZIP3 and whether its job was counted as done. */
    record Lead(String zip3, boolean done) {}

    private final Connection c;

    ImpactStore(Connection c) {
        this.c = c;
    }

    /** Marks event {@code id} counted; false when it already was (nothing else must then change). */
    boolean firstTime(long eventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM analytics_impact_seen WHERE event_id = ?")) {
            s.setLong(1, eventId);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO analytics_impact_seen (event_id) VALUES (?)")) {
            s.setLong(1, eventId);
            s.executeUpdate();
        }
        return true;
    }

    /** Adds one to a count. */
    void add(String metric, YearMonth month, String zip3, String service) throws SQLException {
        Date first = Date.valueOf(month.atDay(1));
        try (PreparedStatement s = c.prepareStatement("UPDATE analytics_impact SET counted = counted + 1"
                + " WHERE metric = ? AND month_start = ? AND zip3 = ? AND service = ?")) {
            s.setString(1, metric);
            s.setDate(2, first);
            s.setString(3, zip3);
            s.setString(4, service);
            if (s.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO analytics_impact (metric, month_start, zip3, service, counted) VALUES (?, ?, ?, ?, 1)")) {
            s.setString(1, metric);
            s.setDate(2, first);
            s.setString(3, zip3);
            s.setString(4, service);
            s.executeUpdate();
        }
    }

    /** Remembers a lead shared and its ZIP3; false when it was known already. */
    boolean addLead(long disclosure, String zip3) throws SQLException {
        if (lead(disclosure).isPresent()) {
            return false;
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO analytics_impact_lead (disclosure, zip3, done) VALUES (?, ?, ?)")) {
            s.setLong(1, disclosure);
            s.setString(2, zip3);
            s.setBoolean(3, false);
            s.executeUpdate();
        }
        return true;
    }

    Optional<Lead> lead(long disclosure) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT zip3, done FROM analytics_impact_lead WHERE disclosure = ?")) {
            s.setLong(1, disclosure);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Lead(r.getString(1), r.getBoolean(2))) : Optional.empty();
            }
        }
    }

    /** Marks the job of a lead done (inserting the lead, in ZIP3 {@code zip3}, when it was not known). */
    void markDone(long disclosure, String zip3) throws SQLException {
        addLead(disclosure, zip3);
        try (PreparedStatement s =
                c.prepareStatement("UPDATE analytics_impact_lead SET done = ? WHERE disclosure = ?")) {
            s.setBoolean(1, true);
            s.setLong(2, disclosure);
            s.executeUpdate();
        }
    }

    /** The counts of the months {@code from} to {@code to}, both included. */
    List<Count> counts(YearMonth from, YearMonth to) throws SQLException {
        List<Count> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT metric, month_start, zip3, service, counted"
                        + " FROM analytics_impact WHERE month_start >= ? AND month_start <= ? ORDER BY month_start, metric, zip3, service")) {
            s.setDate(1, Date.valueOf(from.atDay(1)));
            s.setDate(2, Date.valueOf(to.atDay(1)));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Count(
                            r.getString(1),
                            YearMonth.from(r.getDate(2).toLocalDate()),
                            r.getString(3),
                            r.getString(4),
                            r.getLong(5)));
                }
            }
        }
        return out;
    }
}
