package org.cec.portal.intake.internal;

import static org.cec.portal.intake.internal.RequestSubmissionsTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.cec.portal.api.intake.ServiceRequest;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Other modules read a submitted request by reference, and a person's references, on H2 and PostgreSQL. */
class IntakeServiceRequestsTest {

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aSubmittedRequestIsFoundByItsReferenceWithServiceIdsInFormOrder(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            RequestSubmissions submissions =
                    new RequestSubmissions(db, db, new References(new SecureRandom()), Clock.systemUTC());
            IntakeServiceRequests requests = new IntakeServiceRequests(db);
            String first = submissions.submit(request("a@example.com", "94110", "solar-pv", "heat-pump"), "form");
            String other = submissions.submit(request("b@example.com", "10001", "ev-charger"), "api");
            String second = submissions.submit(request("a@example.com", "94117", "heat-pump"), "form");

            ServiceRequest r = requests.find(first).orElseThrow();
            assertEquals(first, r.reference());
            assertEquals("a@example.com", r.email());
            assertEquals("94110", r.zip());
            assertEquals("Ada <b>", r.name());
            assertEquals("+14155550134", r.phone());
            assertEquals("SF", r.city());
            assertEquals("email", r.contactMethod());
            assertEquals(List.of("solar-pv", "heat-pump"), r.services());
            assertEquals("en", r.language());
            assertTrue(r.submittedAt().isAfter(java.time.Instant.now().minusSeconds(60)));

            assertEquals(List.of(first, second), requests.referencesOf("a@example.com"));
            assertEquals(List.of(other), requests.referencesOf("b@example.com"));
            assertEquals(List.of(), requests.referencesOf("nobody@example.com"));
            assertTrue(requests.find("UNKNOWN-REFERENCE").isEmpty());
            assertTrue(requests.find("x".repeat(1000)).isEmpty());
            assertTrue(requests.find("").isEmpty());

            new RequestPersonalData(db).erase("a@example.com");
            assertTrue(requests.find(first).isEmpty(), "an erased request is not found");
            assertEquals(List.of(), requests.referencesOf("a@example.com"));
        }
    }
}
