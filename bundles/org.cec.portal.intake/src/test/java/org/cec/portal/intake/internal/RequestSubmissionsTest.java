package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A submission stores the request and its one event, or nothing, on H2 and PostgreSQL. */
class RequestSubmissionsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    static Validator.ValidRequest request(String email, String zip, String... services) {
        List<Catalog.ServiceInfo> s = java.util.Arrays.stream(services)
                .map(id -> new Catalog.ServiceInfo(id, "Label of " + id, "", 1))
                .toList();
        return new Validator.ValidRequest(
                "Ada <b>",
                email,
                "+14155550134",
                "SF",
                zip,
                "",
                "email",
                s,
                List.of(new Validator.Answer(
                        "rebates", 1, "Rebate eligibility", "utility", "Utility", "pge", "Pacific Gas and Electric")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void submittingStoresTheRequestAndExactlyOneEventWithoutPhoneOrAddress(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            RequestSubmissions service = new RequestSubmissions(db, db, new References(new SecureRandom()), CLOCK);
            TestAudit audit = new TestAudit();
            RequestQueries queries = new RequestQueries(db, audit.requestAudit(), CLOCK);
            String ref = service.submit(request("ada@example.com", "94110", "heat-pump", "solar-pv"), "form");

            assertEquals(1, queries.count());
            assertEquals(1, db.committedEvents().size());
            assertEquals(
                    RequestSubmissions.SUBMITTED, db.committedEvents().get(0).type());
            String payload = db.committedEvents().get(0).payload();
            assertTrue(payload.contains("\"reference\":\"" + ref + "\""), payload);
            assertTrue(payload.contains("\"email\":\"ada@example.com\""), payload);
            assertFalse(payload.contains("4155550134"), "no phone in the event: " + payload);
            assertFalse(payload.contains("94110"), "no full ZIP in the event: " + payload);
            assertEquals(
                    "{\"reference\":\"" + ref + "\",\"email\":\"ada@example.com\",\"name\":\"Ada <b>\","
                            + "\"contactMethod\":\"email\",\"source\":\"form\",\"services\":["
                            + "{\"id\":\"heat-pump\",\"label\":\"Label of heat-pump\"},"
                            + "{\"id\":\"solar-pv\",\"label\":\"Label of solar-pv\"}],\"language\":\"en\","
                            + "\"zip3\":\"941\"}",
                    payload,
                    "the payload, byte for byte, is what consumers of intake.submitted read");

            RequestRows.Detail d =
                    queries.detail(ref, TestAudit.staff("staff-1")).orElseThrow();
            assertEquals(
                    List.of("Label of heat-pump", "Label of solar-pv"), d.row().services());
            assertEquals("pge", d.answers().get(0).answer());
            assertEquals(
                    "Pacific Gas and Electric (pge)",
                    d.answers().get(0).answerShown(),
                    "the option's label is kept: staff read it after the plugin is gone");
            assertEquals("rebates", d.answers().get(0).sectionId());
            assertEquals("staff-1", audit.last().actor());
            assertEquals("192.0.2.1", audit.last().address());
            assertEquals("intake", audit.last().module());
            assertEquals("view", audit.last().action());
            assertEquals(ref, audit.last().record());
            assertEquals("en", d.row().language());

            Validator.ValidRequest english = request("sofia@example.com", "94110", "heat-pump");
            Validator.ValidRequest spanish = new Validator.ValidRequest(
                    english.name(),
                    english.email(),
                    english.phone(),
                    english.city(),
                    english.zip(),
                    english.address(),
                    english.contactMethod(),
                    english.services(),
                    english.answers(),
                    "es");
            String es = service.submit(spanish, "form");
            assertEquals(
                    "es",
                    queries.detail(es, TestAudit.staff("staff-1"))
                            .orElseThrow()
                            .row()
                            .language());
            assertTrue(db.committedEvents().get(1).payload().endsWith(",\"language\":\"es\",\"zip3\":\"941\"}"));
        }
    }

    /**
     * A chosen service costs its row and one index change, the index by request (on H2 the foreign
     * key's own): migration V6 removed the duplicate and the index by service id, which nothing needs
     * (the service filter, tested in {@code RequestQueriesTest}, probes by request).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aServiceRowHasOneIndexBesidesItsKey(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            List<String> indexed = db.inTransaction(em -> {
                Connection c = em.unwrap(Connection.class);
                String table = c.getMetaData().storesUpperCaseIdentifiers()
                        ? "INTAKE_REQUEST_SERVICE"
                        : "intake_request_service";
                List<String> columns = new ArrayList<>();
                try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
                    while (rs.next()) {
                        if (rs.getShort("ORDINAL_POSITION") == 1 && rs.getBoolean("NON_UNIQUE")) {
                            columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
                return columns;
            });
            assertEquals(List.of("request_id"), indexed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aFailingEventAppendStoresNothing(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            ModuleDatabase same = db;
            RequestSubmissions service = new RequestSubmissions(
                    same,
                    (type, payload) -> {
                        throw new IllegalStateException("event log down");
                    },
                    new References(new SecureRandom()),
                    CLOCK);
            assertThrows(
                    IllegalStateException.class, () -> service.submit(request("a@example.com", "94110", "x"), "api"));
            assertEquals(0, new RequestQueries(db, new TestAudit().requestAudit(), CLOCK).count());
            assertEquals(
                    0L,
                    ((Number) db.rows("SELECT COUNT(*) FROM intake_request_service")
                                    .get(0)[0])
                            .longValue());
        }
    }
}
