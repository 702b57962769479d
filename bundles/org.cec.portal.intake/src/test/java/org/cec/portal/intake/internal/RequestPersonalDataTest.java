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
}
