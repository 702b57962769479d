package org.cec.portal.consent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.cec.portal.api.consent.OptOut;
import org.cec.portal.api.consent.Purpose;
import org.cec.portal.api.i18n.Languages;
import org.cec.portal.consent.internal.jpa.ReceiptEntity;
import org.cec.portal.testing.ModuleTestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Receipts, opt-outs and their events in the module's own tables, on H2 and PostgreSQL. */
class ConsentRecordsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);

    static List<String> kinds() {
        return ModuleTestDatabase.kinds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aChoiceStoresOneReceiptWithItsContentsAndAppendsConsentChanged(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "consent")) {
            ConsentSettings settings = Fakes.settings("2026-1");
            ConsentRecords records = new ConsentRecords(db, db, settings, CLOCK);

            Choice choice = records.record(
                    new Selection("custom", true, false, true),
                    new Signals(true, false),
                    true,
                    "banner",
                    Languages.ENGLISH);

            assertEquals(1, records.receiptCount());
            ReceiptEntity r = records.receipt(choice.receiptId()).orElseThrow();
            assertEquals("custom", r.choice());
            assertTrue(r.preferences());
            assertFalse(r.analytics());
            assertTrue(r.marketing());
            assertEquals("2026-1", r.policyVersion());
            assertEquals("en", r.language());
            assertEquals(settings.texts(Languages.ENGLISH).policyHash(), r.policyHash());
            assertEquals(settings.texts(Languages.ENGLISH).bannerHash(), r.bannerHash());
            assertTrue(r.dnt());
            assertFalse(r.gpc());
            assertEquals(Instant.parse("2026-03-01T10:15:30Z"), r.createdAt().toInstant());
            assertEquals("2026-1", choice.policyVersion());
            assertTrue(choice.signalAtChoice());

            assertEquals(1, db.committedEvents().size());
            assertEquals(ConsentRecords.CHANGED, db.committedEvents().get(0).type());
            assertTrue(db.committedEvents().get(0).payload().contains("\"receipt\":\"" + choice.receiptId() + "\""));

            records.record(
                    new Selection("reject-all", false, false, false),
                    Signals.NONE,
                    false,
                    "choices-page",
                    Languages.ENGLISH);
            assertEquals(1, records.policyVersions().size(), "one row per policy version, language and text");
            assertEquals("en", records.policyVersions().get(0).language());
            List<ConsentRecords.DayCount> counts = records.countsByDay(30);
            assertEquals(
                    List.of(
                            new ConsentRecords.DayCount("2026-03-01", "custom", 1),
                            new ConsentRecords.DayCount("2026-03-01", "reject-all", 1)),
                    counts);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aChoiceOnASpanishPageRecordsSpanishAndTheHashesOfTheSpanishTexts(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "consent")) {
            ConsentSettings settings = Fakes.settings("2026-2");
            ConsentRecords records = new ConsentRecords(db, db, settings, CLOCK);

            Choice es = records.record(
                    new Selection("accept-all", true, true, true), Signals.NONE, false, "banner", Languages.SPANISH);
            Choice en = records.record(
                    new Selection("accept-all", true, true, true), Signals.NONE, false, "banner", Languages.ENGLISH);

            ReceiptEntity spanish = records.receipt(es.receiptId()).orElseThrow();
            ReceiptEntity english = records.receipt(en.receiptId()).orElseThrow();
            assertEquals("es", spanish.language());
            assertEquals(settings.texts(Languages.SPANISH).policyHash(), spanish.policyHash());
            assertEquals(settings.texts(Languages.SPANISH).bannerHash(), spanish.bannerHash());
            assertEquals("en", english.language());
            assertNotEquals(english.policyHash(), spanish.policyHash());
            assertNotEquals(english.bannerHash(), spanish.bannerHash());
            assertEquals(
                    java.util.Set.of("en", "es"),
                    records.policyVersions().stream()
                            .map(v -> v.language())
                            .collect(java.util.stream.Collectors.toSet()),
                    "one policy version row per language");
            assertTrue(db.committedEvents().get(0).payload().contains("\"language\":\"es\""));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aReceiptHoldsNoIpAddressNorUserAgent(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "consent")) {
            List<Object[]> columns = db.rows("SELECT column_name FROM information_schema.columns"
                    + " WHERE LOWER(table_name) = 'consent_receipt'");
            List<String> names =
                    columns.stream().map(c -> c[0].toString().toLowerCase()).toList();
            assertEquals(
                    java.util.Set.of(
                            "receipt_id",
                            "created_at",
                            "choice",
                            "source",
                            "preferences",
                            "analytics",
                            "marketing",
                            "language",
                            "policy_version",
                            "policy_hash",
                            "banner_hash",
                            "dnt",
                            "gpc"),
                    java.util.Set.copyOf(names),
                    "exactly these columns: no IP address, no user agent, no person");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void anOptOutTakesEffectAtOnceOnceOnlyAndAnOptInStaysPending(String kind) throws Exception {
        try (ModuleTestDatabase db = ModuleTestDatabase.create(kind, "consent")) {
            ConsentRecords records = new ConsentRecords(db, db, Fakes.settings("1"), CLOCK);
            OptIns optIns = new OptIns(db, db, Fakes.protection("k"), CLOCK);
            ConsentServiceImpl service = new ConsentServiceImpl(
                    new VisitorConsent(Fakes.protection("k"), Fakes.settings("1")),
                    records,
                    Fakes.settings("1"),
                    optIns);

            assertTrue(service.allows("ada@example.org", Purpose.MARKETING));
            service.optOut("ada@example.org", OptOut.MARKETING_EMAIL);
            assertFalse(service.allows("ada@example.org", Purpose.MARKETING), "effective immediately");
            assertTrue(service.mayShareAddress("ada@example.org"), "only what was opted out of");
            assertTrue(service.allows("bob@example.org", Purpose.MARKETING), "only that person");

            assertFalse(records.optOut("ada@example.org", OptOut.MARKETING_EMAIL), "again: nothing new");
            assertEquals(1, db.committedEvents().size());
            assertEquals(ConsentRecords.OPT_OUT, db.committedEvents().get(0).type());
            assertFalse(db.committedEvents().get(0).payload().contains("ada@"), "no email in the event log");

            assertTrue(optIns.request("ada@example.org", OptOut.MARKETING_EMAIL, Languages.ENGLISH));
            assertFalse(
                    optIns.request("ada@example.org", OptOut.MARKETING_EMAIL, Languages.ENGLISH),
                    "one pending request, its link not sent again within the hour");
            assertFalse(service.allows("ada@example.org", Purpose.MARKETING), "the opt-out stays until confirmed");
            assertEquals(1, records.pendingOptIns(10).size());

            ConsentPersonalData personal = new ConsentPersonalData(records);
            assertEquals(2, personal.export("ada@example.org").size());
            assertEquals(1, personal.erase("ada@example.org"));
            assertEquals(1, personal.export("ada@example.org").size(), "the opt-out is kept");
            assertThrows(
                    IllegalArgumentException.class, () -> service.optOut("Ada@Example.org ", OptOut.ADDRESS_SHARING));
        }
    }
}
