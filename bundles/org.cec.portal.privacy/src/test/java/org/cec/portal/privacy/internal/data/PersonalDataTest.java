package org.cec.portal.privacy.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.privacy.PersonalDataProvider;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.privacy.internal.data.PersonalData.Area;
import org.cec.portal.privacy.internal.data.PersonalData.Erased;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class PersonalDataTest {

    /** A provider holding records for one address. */
    static final class Holding implements PersonalDataProvider {
        final String area;
        final List<PersonalRecord> records;
        final List<String> erased = new ArrayList<>();

        Holding(String area, PersonalRecord... records) {
            this.area = area;
            this.records = new ArrayList<>(List.of(records));
        }

        @Override
        public String area() {
            return area;
        }

        @Override
        public List<PersonalRecord> export(String normalisedEmail) {
            return normalisedEmail.equals("ada@example.com") ? records : List.of();
        }

        @Override
        public int erase(String normalisedEmail) {
            erased.add(normalisedEmail);
            int n = export(normalisedEmail).size();
            records.clear();
            return n;
        }
    }

    /** A provider whose database is down. */
    static final class Failing implements PersonalDataProvider {
        @Override
        public String area() {
            return "partner";
        }

        @Override
        public List<PersonalRecord> export(String normalisedEmail) {
            throw new IllegalStateException("down: " + normalisedEmail);
        }

        @Override
        public int erase(String normalisedEmail) {
            throw new IllegalStateException("down: " + normalisedEmail);
        }
    }

    private static PersonalRecord record(String kind, String at) {
        return new PersonalRecord(kind, Instant.parse(at), Map.of("name", "Ada"));
    }

    private static void add(PersonalData data, PersonalDataProvider p, long id) {
        data.addProvider(p, Map.of(Constants.SERVICE_ID, id));
    }

    @Test
    void everyProvidersRecordsByAreaOldestFirstAndAFailingOneIsReportedNotTakenForNothing() {
        PersonalData data = new PersonalData();
        Holding intake = new Holding(
                "intake",
                record("intake.request", "2026-02-01T00:00:00Z"),
                record("intake.draft", "2026-01-01T00:00:00Z"));
        add(data, intake, 2);
        add(data, new Failing(), 3);
        add(data, new Holding("consent"), 4);

        List<Area> areas = data.export("ada@example.com");
        assertEquals(
                List.of("consent", "intake", "partner"),
                areas.stream().map(Area::name).toList());
        assertEquals("intake.draft", areas.get(1).records().get(0).kind(), "oldest first");
        assertTrue(areas.get(2).failed());
        assertTrue(data.holdsAnything("ada@example.com"));
        assertTrue(data.holdsAnything("bob@example.com"), "a failing provider may hold something");

        List<Erased> erased = data.erase("ada@example.com");
        assertEquals(new Erased("intake", 2, false), erased.get(1));
        assertEquals(new Erased("partner", 0, true), erased.get(2), "the others erased all the same");
        assertEquals(List.of("ada@example.com"), intake.erased);
    }

    @Test
    void aProviderThatGoesCountsNoMore() {
        PersonalData data = new PersonalData();
        Holding partner = new Holding("partner", record("partner.note", "2026-01-01T00:00:00Z"));
        add(data, partner, 9);
        assertTrue(data.holdsAnything("ada@example.com"));
        data.removeProvider(partner, Map.of(Constants.SERVICE_ID, 9L));
        assertFalse(data.holdsAnything("ada@example.com"));
    }
}
