package org.cec.portal.intake.internal;

import static org.cec.portal.intake.internal.RequestSubmissionsTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A person's requests by email address: all of them for access, none of them after erasure, on H2 and PostgreSQL. */
class RequestPersonalDataTest {

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void accessFindsAndErasureDeletesOnlyThePersonsRequests(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            Clock clock = Clock.systemUTC();
            RequestSubmissions submissions = new RequestSubmissions(db, db, new References(new SecureRandom()), clock);
            RequestQueries queries = new RequestQueries(db, new TestAudit().requestAudit(), clock);
            RequestPersonalData service = new RequestPersonalData(db);
            submissions.submit(request("a@example.com", "94110", "heat-pump"), "form");
            submissions.submit(request("b@example.com", "10001", "solar-pv"), "form");
            submissions.submit(request("a@example.com", "94117", "solar-pv", "heat-pump"), "api");

            List<RequestRows.Detail> found = service.byEmail("a@example.com");
            assertEquals(2, found.size());
            assertTrue(
                    found.stream()
                            .anyMatch(
                                    d -> d.row().services().equals(List.of("Label of heat-pump", "Label of solar-pv"))),
                    "each request comes with its services");
            assertEquals("pge", found.get(0).answers().get(0).answer());
            DraftStore drafts = org.mockito.Mockito.mock(DraftStore.class);
            List<org.cec.portal.api.privacy.PersonalRecord> exported =
                    new IntakePersonalData(service, drafts).export("a@example.com");
            assertEquals(2, exported.size());
            assertEquals(
                    "en", exported.get(0).fields().get("language"), "the export says which language it was made in");
            assertEquals(2, service.erase("a@example.com"));
            assertEquals(1, queries.count());
            assertEquals(0, service.byEmail("a@example.com").size());
            assertEquals(1, service.byEmail("b@example.com").size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void retentionNamesThePersonsWhoseEveryRequestIsOlderThanTheCutoffAndNobodyYounger(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            java.time.Instant start = java.time.Instant.parse("2024-01-10T10:00:00Z");
            Clock old = Clock.fixed(start, java.time.ZoneOffset.UTC);
            Clock recent = Clock.fixed(start.plus(java.time.Duration.ofDays(700)), java.time.ZoneOffset.UTC);
            References references = new References(new SecureRandom());
            new RequestSubmissions(db, db, references, old)
                    .submit(request("old@example.com", "94110", "heat-pump"), "form");
            new RequestSubmissions(db, db, references, old)
                    .submit(request("both@example.com", "94110", "solar-pv"), "form");
            new RequestSubmissions(db, db, references, recent)
                    .submit(request("both@example.com", "94110", "heat-pump"), "form");
            new RequestSubmissions(db, db, references, recent)
                    .submit(request("new@example.com", "10001", "solar-pv"), "form");
            IntakeRetention retention = new IntakeRetention(new RequestPersonalData(db));

            assertEquals("intake", retention.area());
            java.time.Instant cutoff = start.plus(java.time.Duration.ofDays(365));
            assertEquals(
                    List.of("old@example.com"), retention.inactiveSince(cutoff, 100), "only who is inactive in all");
            assertEquals(List.of(), retention.inactiveSince(start, 100), "nothing younger than the cutoff");
            assertEquals(
                    1,
                    retention
                            .inactiveSince(start.plus(java.time.Duration.ofDays(800)), 1)
                            .size(),
                    "the limit");
        }
    }
}
