package org.cec.portal.intake.internal;

import static org.cec.portal.intake.internal.RequestSubmissionsTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.cec.portal.intake.internal.jpa.AuditEntity;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rows of intake's old audit table move into the audit log once, on H2 and PostgreSQL. */
class LegacyAuditMoveTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyOldRowBecomesOneEntryAndLeavesTheTable(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            String ref = new RequestSubmissions(db, db, new References(new SecureRandom()), CLOCK)
                    .submit(request("a@example.com", "94110", "heat-pump"), "form");
            OffsetDateTime at = OffsetDateTime.parse("2026-02-01T09:00:00Z");
            db.inTransaction(em -> {
                Long id = em.createQuery("SELECT r.id FROM RequestEntity r WHERE r.reference = :ref", Long.class)
                        .setParameter("ref", ref)
                        .getSingleResult();
                for (int i = 0; i < 205; i++) {
                    em.persist(new AuditEntity(at, "ana", "view", id, "detail"));
                }
                em.persist(new AuditEntity(at, "ana", "status", id, "new -> closed"));
                em.persist(new AuditEntity(at, "bo", "export", null, "CSV export of 1 request(s)"));
                return null;
            });

            TestAudit audit = new TestAudit();
            new LegacyAuditMove(db, audit);

            assertEquals(207, audit.size());
            assertEquals(0L, (long) db.read(em -> em.createQuery("SELECT COUNT(a) FROM AuditEntity a", Long.class)
                    .getSingleResult()));
            // the old table's ids need not follow the order of its rows' writes: count, do not rely on order
            java.util.Map<String, Long> actions = audit.all().stream()
                    .collect(java.util.stream.Collectors.groupingBy(
                            org.cec.portal.api.audit.AuditEntry::action, java.util.stream.Collectors.counting()));
            assertEquals(java.util.Map.of("view", 205L, "change", 1L, "export", 1L), actions);
            org.cec.portal.api.audit.AuditEntry export = audit.all().stream()
                    .filter(e -> e.action().equals("export"))
                    .findFirst()
                    .orElseThrow();
            assertEquals("bo", export.actor());
            assertEquals("", export.record());
            assertEquals("CSV export of 1 request(s) (at 2026-02-01T09:00Z, moved from intake_audit)", export.detail());
            assertEquals(206, audit.about("intake", ref, 1000).size(), "named by the request's reference");

            new LegacyAuditMove(db, audit);
            assertEquals(207, audit.size(), "moved once");
            assertEquals(1L, (long) db.read(em -> em.createQuery("SELECT COUNT(r) FROM RequestEntity r", Long.class)
                    .getSingleResult()));
        }
    }
}
