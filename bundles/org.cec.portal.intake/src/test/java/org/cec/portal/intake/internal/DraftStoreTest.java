package org.cec.portal.intake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cec.portal.testing.ModuleTestDatabase;
import org.cec.portal.testing.MovableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Drafts in the module's own table, on H2 and PostgreSQL: save, resume, hashed tokens, purge, erase. */
class DraftStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    private static FormState state(String email, String age) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("section.rebates.utility", "pge");
        return FormFixtures.typed("Ada & <Lovelace>", email, age, List.of("heat-pump", "solar-pv"), answers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aSavedDraftIsResumedByItsTokenWhichIsStoredOnlyAsItsHashWithOneEvent(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            MovableClock clock = new MovableClock(T0);
            DraftStore drafts = new DraftStore(db, db, new SecureRandom(), clock, Duration.ofDays(30));
            String token = drafts.save(state("ada@example.com", Validator.AGE_ADULT), "", "es");

            assertTrue(DraftStore.looksLikeToken(token), token);
            assertEquals(1, drafts.count());
            Object[] row =
                    db.rows("SELECT token_hash, state, email FROM intake_draft").get(0);
            assertEquals(DraftStore.hash(token), row[0]);
            assertEquals(64, row[0].toString().length());
            for (Object cell : row) {
                assertFalse(cell.toString().contains(token), "the token is not stored in clear: " + cell);
            }
            assertEquals("ada@example.com", row[2]);

            assertEquals(1, db.committedEvents().size());
            assertEquals(DraftStore.SAVED, db.committedEvents().get(0).type());
            assertEquals(
                    "{\"email\":\"ada@example.com\",\"link\":\"/request/draft/" + token
                            + "\",\"reason\":\"asked\",\"language\":\"es\"}",
                    db.committedEvents().get(0).payload());

            Map<String, List<String>> resumed = drafts.resume(token).orElseThrow();
            assertEquals(List.of("Ada & <Lovelace>"), resumed.get("name"));
            assertEquals(List.of("(415) 555-0134"), resumed.get("phone"));
            assertEquals(List.of("heat-pump", "solar-pv"), resumed.get("services"));
            assertEquals(List.of("pge"), resumed.get("section.rebates.utility"));
            assertEquals(List.of(Validator.AGE_ADULT), resumed.get("age"));

            assertTrue(drafts.resume(token.substring(1) + "A").isEmpty(), "another token");
            assertTrue(drafts.resume("nonsense").isEmpty());
            assertTrue(drafts.resume(DraftStore.hash(token)).isEmpty(), "the hash is no token");

            // resumed and saved again: the old draft is replaced
            String again = drafts.save(state("ada@example.com", Validator.AGE_ADULT), token);
            assertEquals(1, drafts.count());
            assertTrue(drafts.resume(token).isEmpty());
            assertTrue(drafts.resume(again).isPresent());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aDraftKeptForThePreferencesConsentIsCreatedWithOneEventThenUpdatedInPlaceWithoutAnother(String kind)
            throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            MovableClock clock = new MovableClock(T0);
            DraftStore drafts = new DraftStore(db, db, new SecureRandom(), clock, Duration.ofDays(30));

            DraftStore.Kept first = drafts.keep(state("ada@example.com", Validator.AGE_ADULT), "");
            assertTrue(first.created());
            assertTrue(DraftStore.looksLikeToken(first.token()));
            assertEquals(1, drafts.count());
            assertEquals(1, db.committedEvents().size());
            assertEquals(DraftStore.SAVED, db.committedEvents().get(0).type());
            assertEquals(
                    "{\"email\":\"ada@example.com\",\"link\":\"/request/draft/" + first.token()
                            + "\",\"reason\":\"preferences\"}",
                    db.committedEvents().get(0).payload());
            assertEquals(
                    DraftStore.PREFERENCES,
                    drafts.find(first.token()).orElseThrow().reason());

            // the next step: the same draft, updated, kept 30 days from now, no second event
            clock.set(T0.plus(Duration.ofDays(10)));
            FormState later = state("ada.new@example.com", Validator.AGE_ADULT);
            later.services().add("ev-charger");
            DraftStore.Kept second = drafts.keep(later, first.token());
            assertEquals(new DraftStore.Kept(first.token(), false), second);
            assertEquals(1, drafts.count());
            assertEquals(1, db.committedEvents().size(), "no event for an update");
            DraftStore.Draft d = drafts.find(first.token()).orElseThrow();
            assertEquals(
                    List.of("heat-pump", "solar-pv", "ev-charger"), d.fields().get("services"));
            assertEquals(List.of("ada.new@example.com"), d.fields().get("email"));
            assertEquals(T0.plus(Duration.ofDays(40)), d.expiresAt().toInstant(), "kept 30 days from the last save");
            assertEquals(T0, d.createdAt().toInstant());
            assertEquals(1, drafts.byEmail("ada.new@example.com").size(), "the email column follows the state");

            // a token of no draft, or of an expired one, starts a new draft (with its event)
            DraftStore.Kept unknown = drafts.keep(state("b@example.com", Validator.AGE_ADULT), "A".repeat(43));
            assertTrue(unknown.created());
            assertNotEquals("A".repeat(43), unknown.token());
            assertEquals(2, db.committedEvents().size());
            clock.set(T0.plus(Duration.ofDays(80)));
            DraftStore.Kept renewed = drafts.keep(state("ada@example.com", Validator.AGE_ADULT), first.token());
            assertTrue(renewed.created());
            assertTrue(drafts.find(first.token()).isEmpty());
            assertEquals(
                    0L,
                    ((Number) db.rows("SELECT COUNT(*) FROM intake_draft WHERE token_hash = '"
                                            + DraftStore.hash(first.token()) + "'")
                                    .get(0)[0])
                            .longValue(),
                    "the expired draft is replaced, not left behind");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aDraftAskedForSurvivesDeleteKeptWhileOneKeptForTheConsentDoesNot(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            DraftStore drafts = new DraftStore(db, db, new SecureRandom(), new MovableClock(T0), Duration.ofDays(30));
            String asked = drafts.save(state("a@example.com", Validator.AGE_ADULT), "");
            String kept =
                    drafts.keep(state("a@example.com", Validator.AGE_ADULT), "").token();
            // updating an asked-for draft as the visitor goes on keeps it asked-for
            assertFalse(drafts.keep(state("a@example.com", Validator.AGE_ADULT), asked)
                    .created());
            assertEquals(DraftStore.ASKED, drafts.find(asked).orElseThrow().reason());

            assertFalse(drafts.deleteKept(asked));
            assertTrue(drafts.find(asked).isPresent());
            assertTrue(drafts.deleteKept(kept));
            assertTrue(drafts.find(kept).isEmpty());
            assertFalse(drafts.deleteKept("nonsense"));

            assertTrue(drafts.delete(asked), "delete: whatever kept it");
            assertFalse(drafts.delete(asked));
            assertEquals(0, drafts.count());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void expiredDraftsCannotBeResumedAndArePurged(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            MovableClock clock = new MovableClock(T0);
            DraftStore drafts = new DraftStore(db, db, new SecureRandom(), clock, Duration.ofDays(30));
            String old = drafts.save(state("old@example.com", Validator.AGE_ADULT), "");
            clock.set(T0.plus(Duration.ofDays(20)));
            String young = drafts.save(state("young@example.com", Validator.AGE_ADULT), "");

            clock.set(T0.plus(Duration.ofDays(29)));
            assertEquals(0, drafts.purgeExpired());
            assertTrue(drafts.resume(old).isPresent());

            clock.set(T0.plus(Duration.ofDays(30)).plusSeconds(1));
            assertTrue(drafts.resume(old).isEmpty(), "expired");
            assertEquals(1, drafts.purgeExpired());
            assertEquals(1, drafts.count());
            assertTrue(drafts.resume(young).isPresent());
            assertEquals(
                    0L,
                    ((Number) db.rows("SELECT COUNT(*) FROM intake_draft WHERE email = 'old@example.com'")
                                    .get(0)[0])
                            .longValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void accessAndErasureCoverDraftsAndSubmittingAResumedDraftDeletesIt(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            MovableClock clock = new MovableClock(T0);
            DraftStore drafts = new DraftStore(db, db, new SecureRandom(), clock, Duration.ofDays(30));
            RequestSubmissions requests = new RequestSubmissions(db, db, new References(new SecureRandom()), clock);
            IntakePersonalData personal = new IntakePersonalData(new RequestPersonalData(db), drafts);
            drafts.save(state("a@example.com", Validator.AGE_ADULT), "");
            drafts.save(state("a@example.com", Validator.AGE_ADULT), "");
            String other = drafts.save(state("b@example.com", Validator.AGE_ADULT), "");

            var records = personal.export("a@example.com");
            assertEquals(2, records.size());
            assertEquals("intake.draft", records.get(0).kind());
            assertEquals("Ada & <Lovelace>", records.get(0).fields().get("name"));
            assertEquals("heat-pump, solar-pv", records.get(0).fields().get("services"));
            assertEquals(
                    DraftStore.ASKED, records.get(0).fields().get("kept because"), "a code the page puts in words");
            assertEquals(2, personal.erase("a@example.com"));
            assertEquals(0, drafts.byEmail("a@example.com").size());
            assertEquals(1, drafts.count());

            Validator.ValidRequest valid = new Validator.ValidRequest(
                    "B", "b@example.com", "+14155550134", "SF", "94110", "", "email", List.of(), List.of());
            requests.submit(valid, "form", other);
            assertEquals(0, drafts.count(), "the resumed draft is gone with the submission");
            assertEquals(1, new RequestQueries(db, new TestAudit().requestAudit(), clock).count());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void nothingIsSavedForAnUnderThirteenVisitor(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "intake")) {
            DraftStore drafts = new DraftStore(db, db, new SecureRandom(), new MovableClock(T0), Duration.ofDays(30));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> drafts.save(state("kid@example.com", Validator.AGE_CHILD), ""));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> drafts.keep(state("kid@example.com", Validator.AGE_CHILD), ""));
            assertThrows(IllegalArgumentException.class, () -> drafts.keep(state("kid@example.com", ""), ""));
            assertEquals(0, drafts.count());
            assertEquals(0, db.committedEvents().size());
        }
    }
}
