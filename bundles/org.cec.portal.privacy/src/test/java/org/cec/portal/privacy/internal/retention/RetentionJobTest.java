package org.cec.portal.privacy.internal.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.privacy.PersonalDataProvider;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.api.privacy.RetentionProvider;
import org.cec.portal.privacy.internal.data.PersonalData;
import org.cec.portal.privacy.internal.data.ProviderReferences;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class RetentionJobTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    /** Configuration values as DS would give them. */
    private static RetentionSettings.Config config(int intakeMonths, int emailDays, String... other) {
        return new RetentionSettings.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RetentionSettings.Config.class;
            }

            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String run_at() {
                return "03:30";
            }

            @Override
            public int intake_months() {
                return intakeMonths;
            }

            @Override
            public int email_days() {
                return emailDays;
            }

            @Override
            public String[] other_areas() {
                return other;
            }

            @Override
            public int batch() {
                return 100;
            }
        };
    }

    /** A module whose persons were last active at the given times, and which erases on demand. */
    static final class Module implements RetentionProvider, PersonalDataProvider {
        final String area;
        final Map<String, Instant> lastActive;
        final List<String> erased = new ArrayList<>();
        Instant expiredBefore;

        Module(String area, Map<String, Instant> lastActive) {
            this.area = area;
            this.lastActive = lastActive;
        }

        @Override
        public String area() {
            return area;
        }

        @Override
        public List<String> inactiveSince(Instant cutoff, int limit) {
            return lastActive.entrySet().stream()
                    .filter(e -> e.getValue().isBefore(cutoff))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .limit(limit)
                    .toList();
        }

        @Override
        public int expire(Instant cutoff) {
            expiredBefore = cutoff;
            return 7;
        }

        @Override
        public List<PersonalRecord> export(String email) {
            return List.of();
        }

        @Override
        public int erase(String email) {
            erased.add(email);
            return 1;
        }
    }

    @Test
    void personsInactiveLongerThanTheirAreasAgeAreErasedEverywhereAndNobodyYounger() {
        Module intake = new Module(
                "intake",
                Map.of(
                        "old@example.com", Instant.parse("2024-11-01T00:00:00Z"),
                        "young@example.com", Instant.parse("2025-01-01T00:00:00Z")));
        Module partner = new Module("partner-notes", Map.of());
        PersonalData data = new PersonalData();
        data.addProvider(ProviderReferences.reference(1L), intake);
        data.addProvider(ProviderReferences.reference(2L), partner);
        List<AuditEntry> audited = new ArrayList<>();
        RetentionJob job = new RetentionJob(
                RetentionSettings.of(config(24, 0, "partner-notes=90")),
                data,
                audited::add,
                Clock.fixed(NOW, ZoneOffset.UTC),
                false);
        job.addProvider(intake, Map.of(Constants.SERVICE_ID, 1L));
        job.addProvider(partner, Map.of(Constants.SERVICE_ID, 2L));
        job.addProvider(new Module("email", Map.of()), Map.of(Constants.SERVICE_ID, 3L));

        RetentionJob.Report report = job.run("system", "");

        assertEquals(List.of("old@example.com"), intake.erased, "24 months before 2026-12-03: 2024-12-03");
        assertEquals(List.of("old@example.com"), partner.erased, "erased through every module");
        assertEquals(Instant.parse("2026-09-04T12:00:00Z"), partner.expiredBefore, "90 days");
        assertEquals(2, report.areas().size(), "email.days=0 keeps email");
        assertEquals(1, report.areas().get(0).personsErased());
        assertEquals("2024-12-03T12:00:00Z", report.areas().get(0).cutoff());
        assertEquals(2, audited.size());
        AuditEntry entry = audited.get(0);
        assertEquals("system", entry.actor());
        assertEquals("retention", entry.action());
        assertEquals("area=intake", entry.record());
        assertTrue(entry.detail().contains("persons erased=1"), entry.detail());
        assertTrue(!entry.detail().contains("old@example.com"), "no address in the audit log");
        assertEquals(report, job.lastRun().orElseThrow());
    }

    @Test
    void unusableSettingsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> RetentionSettings.of(config(-1, 0)));
        assertThrows(IllegalArgumentException.class, () -> RetentionSettings.of(config(24, 0, "partner")));
        assertThrows(IllegalArgumentException.class, () -> RetentionSettings.of(config(24, 0, "partner=0")));
        assertEquals(
                Map.of("intake", java.time.Period.ofMonths(24), "email", java.time.Period.ofDays(180)),
                RetentionSettings.of(config(24, 180)).ages());

        RetentionJob off = new RetentionJob(config(-1, 0), new PersonalData(), entry -> {});
        assertTrue(
                off.settings().problem().contains("intake.months"),
                off.settings().problem());
        assertTrue(off.nextRun().isEmpty(), "an unusable configuration runs nothing");
        assertTrue(off.settings().ages().isEmpty(), "and erases nothing");
        off.deactivate();
    }
}
