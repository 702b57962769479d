package org.cec.portal.analytics.internal.rollups;

import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.cec.portal.analytics.internal.AnalyticsSettings;
import org.cec.portal.testing.ModuleTestDatabase;

/** Raw rows, settings and a clock that the test moves, for the tests of this package. */
final class Fixture {

    private Fixture() {}

    /** A clock standing still until it is set. */
    static final class TestClock extends Clock {
        private volatile Instant now;
        private final ZoneId zone;

        TestClock(Instant now) {
            this(now, ZoneOffset.UTC);
        }

        TestClock(Instant now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void set(Instant instant) {
            now = instant;
        }

        void setDay(LocalDate day, int hour) {
            now = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new TestClock(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static TestClock clockAt(LocalDate day, int hour) {
        return new TestClock(day.atTime(hour, 0).toInstant(ZoneOffset.UTC));
    }

    static AnalyticsSettings settings(int rawDays, int rollupDays, boolean rawToSinks) {
        return new AnalyticsSettings(new AnalyticsSettings.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AnalyticsSettings.Config.class;
            }

            @Override
            public int raw_retentionDays() {
                return rawDays;
            }

            @Override
            public int rollup_retentionDays() {
                return rollupDays;
            }

            @Override
            public boolean anonymous_pageviews() {
                return false;
            }

            @Override
            public int buffer_capacity() {
                return 50_000;
            }

            @Override
            public int buffer_flushMillis() {
                return 250;
            }

            @Override
            public String time_zone() {
                return "UTC"; // the fixtures' days are UTC days; CountedEventsTest also runs in another zone
            }

            @Override
            public boolean sinks_rawEvents() {
                return rawToSinks;
            }
        });
    }

    /** A page view as the recorder stores it (month and day from {@code day}, at noon UTC). */
    static void pageView(
            ModuleTestDatabase db,
            LocalDate day,
            String visitor,
            String path,
            String referrer,
            String utmSource,
            String browser,
            String os,
            String device,
            String language) {
        insert(db, day, "page-view", visitor, path, referrer, utmSource, browser, os, device, language, null);
    }

    /** A module event with its dimensions as JSON. */
    static void event(ModuleTestDatabase db, LocalDate day, String type, String visitor, String dimensions) {
        insert(db, day, type, visitor, null, null, null, null, null, null, visitor == null ? null : "en", dimensions);
    }

    private static void insert(
            ModuleTestDatabase db,
            LocalDate day,
            String type,
            String visitor,
            String path,
            String referrer,
            String utmSource,
            String browser,
            String os,
            String device,
            String language,
            String dimensions) {
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO analytics_event (event_month, event_day, occurred_at, type,"
                            + " path, visitor_key, referrer_host, utm_source, utm_medium, utm_campaign, browser, os, device,"
                            + " language, dimensions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setObject(1, day.withDayOfMonth(1));
                s.setObject(2, day);
                s.setObject(3, day.atTime(12, 0)); // UTC, as the recorder writes it
                s.setString(4, type);
                s.setString(5, path);
                s.setString(6, visitor);
                s.setString(7, referrer);
                s.setString(8, utmSource);
                s.setString(9, utmSource == null ? null : "email");
                s.setString(10, utmSource == null ? null : "spring");
                s.setString(11, browser);
                s.setString(12, os);
                s.setString(13, device);
                s.setString(14, language);
                s.setString(15, dimensions);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The rows of metric {@code metric} of {@code day} as "item=events/visitors", sorted by item. */
    static java.util.List<String> daily(ModuleTestDatabase db, LocalDate day, String metric) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Object[] r : db.rows("SELECT item, events, visitors FROM analytics_daily WHERE rollup_day = DATE '" + day
                + "' AND metric = '" + metric + "' ORDER BY item")) {
            out.add(r[0] + "=" + ((Number) r[1]).longValue() + "/" + ((Number) r[2]).longValue());
        }
        return out;
    }

    static long count(ModuleTestDatabase db, String sql) {
        return ((Number) db.rows(sql).get(0)[0]).longValue();
    }
}
