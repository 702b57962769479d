package org.cec.portal.consent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cec.portal.api.consent.OptInConfirmation;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.MovableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Opting back in through the signed link, on H2 and PostgreSQL. */
class OptInsTest {

    private static final Instant START = Instant.parse("2026-03-01T10:15:30Z");

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theSignedLinkConfirmsOnceAndWithdrawsTheOptOut(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "consent")) {
            MovableClock clock = new MovableClock(START);
            ConsentRecords records = new ConsentRecords(db, db, Fakes.settings("1"), clock);
            OptIns optIns = new OptIns(db, db, Fakes.protection("k"), clock);

            assertFalse(
                    optIns.request("ada@example.org", OptOut.MARKETING_EMAIL, Languages.SPANISH),
                    "nothing to opt back into without an opt-out");
            records.optOut("ada@example.org", OptOut.MARKETING_EMAIL);
            assertTrue(optIns.request("ada@example.org", OptOut.MARKETING_EMAIL, Languages.SPANISH));
            var requested = db.committedEvents().get(db.committedEvents().size() - 1);
            assertEquals(OptIns.REQUESTED, requested.type());
            assertFalse(requested.payload().contains("ada@"), "no address in the event log: " + requested.payload());
            String id = jakarta.json.Json.createReader(new java.io.StringReader(requested.payload()))
                    .readObject()
                    .getString("optInRequest");

            OptInConfirmation c = optIns.confirmation(id).orElseThrow();
            assertEquals("ada@example.org", c.email());
            assertEquals("es", c.language());
            assertEquals(OptOut.MARKETING_EMAIL, c.kind());
            assertTrue(c.confirmPath().startsWith(OptIns.PATH), c.confirmPath());
            String token = c.confirmPath().substring(OptIns.PATH.length());

            String altered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            assertTrue(optIns.confirm(altered).isEmpty(), "an altered link changes nothing");
            assertTrue(
                    optIns.confirm(Fakes.protection("k").sign("other-" + id)).isEmpty(),
                    "a signed value of another use");
            assertTrue(records.hasOptedOut("ada@example.org", OptOut.MARKETING_EMAIL), "still opted out");

            assertTrue(optIns.pendingByToken(token).isPresent());
            assertEquals(OptOut.MARKETING_EMAIL, optIns.confirm(token).orElseThrow());
            assertFalse(records.hasOptedOut("ada@example.org", OptOut.MARKETING_EMAIL), "the opt-out is withdrawn");
            assertEquals(
                    OptIns.OPTED_IN,
                    db.committedEvents().get(db.committedEvents().size() - 1).type());
            assertTrue(optIns.confirm(token).isEmpty(), "a used link does nothing");
            assertTrue(optIns.confirmation(id).isEmpty(), "and is no longer pending");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aLinkExpiresAfterSevenDaysAndIsSentAgainAtMostHourly(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "consent")) {
            MovableClock clock = new MovableClock(START);
            ConsentRecords records = new ConsentRecords(db, db, Fakes.settings("1"), clock);
            OptIns optIns = new OptIns(db, db, Fakes.protection("k"), clock);
            records.optOut("bo@example.org", OptOut.ADDRESS_SHARING);
            assertTrue(optIns.request("bo@example.org", OptOut.ADDRESS_SHARING, Languages.ENGLISH));
            int events = db.committedEvents().size();
            clock.advance(Duration.ofMinutes(30));
            assertFalse(
                    optIns.request("bo@example.org", OptOut.ADDRESS_SHARING, Languages.ENGLISH), "not within the hour");
            assertEquals(events, db.committedEvents().size());
            clock.advance(Duration.ofMinutes(31));
            assertTrue(optIns.request("bo@example.org", OptOut.ADDRESS_SHARING, Languages.ENGLISH), "again after it");
            assertEquals(events + 1, db.committedEvents().size());
            String id = jakarta.json.Json.createReader(new java.io.StringReader(
                            db.committedEvents().get(events).payload()))
                    .readObject()
                    .getString("optInRequest");
            String token = optIns.confirmation(id).orElseThrow().confirmPath().substring(OptIns.PATH.length());
            clock.advance(Duration.ofDays(7));
            assertTrue(optIns.pendingByToken(token).isEmpty(), "expired after seven days");
            assertTrue(optIns.confirm(token).isEmpty());
            assertTrue(records.hasOptedOut("bo@example.org", OptOut.ADDRESS_SHARING));
        }
    }
}
