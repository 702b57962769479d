package org.cec.portal.privacy.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.privacy.PersonalDataProvider;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.privacy.internal.data.PersonalData.Area;
import org.cec.portal.privacy.internal.data.PersonalData.Erased;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

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
        data.addProvider(ProviderReferences.reference(id), p);
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
    void aProviderThatGoesCountsNoMoreAndItsBundleIsForgotten() {
        PersonalData data = new PersonalData();
        Holding partner = new Holding("partner", record("partner.note", "2026-01-01T00:00:00Z"));
        ServiceReference<PersonalDataProvider> reference = ProviderReferences.reference(9L);
        Bundle bundle = mock(Bundle.class);
        when(reference.getBundle()).thenReturn(bundle);
        data.addProvider(reference, partner);
        assertTrue(data.holdsAnything("ada@example.com"));
        assertEquals(Optional.of(bundle), data.bundleOf("partner"), "its texts are that bundle's");
        assertEquals(Optional.empty(), data.bundleOf("intake"));
        data.removeProvider(reference);
        assertFalse(data.holdsAnything("ada@example.com"));
        assertEquals(Optional.empty(), data.bundleOf("partner"));
    }
}
