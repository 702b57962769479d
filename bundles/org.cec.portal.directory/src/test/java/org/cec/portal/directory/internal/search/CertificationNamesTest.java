package org.cec.portal.directory.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.junit.jupiter.api.Test;

/** The certification filter's choices: what active contractors hold, valid on the day, each name once. */
class CertificationNamesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private static Contractor holding(String id, boolean active, Certification... certs) {
        return ContractorSearchTest.contractor(
                id,
                "Business " + id,
                ContractorSearchTest.ZIPS.centroid("94110").orElseThrow(),
                "94110",
                20,
                Set.of("solar-pv"),
                Set.of(),
                Set.of("en"),
                List.of(certs),
                active);
    }

    private static Certification cert(String name, LocalDate expires) {
        return new Certification(name, "N-1", "Issuer", expires);
    }

    @Test
    void validNamesOfActiveContractorsOnceEachSortedIgnoringCase() {
        ContractorIndex index = ContractorIndex.of(List.of(
                holding("a", true, cert("NABCEP PV Installation Professional", TODAY.plusYears(1))),
                holding(
                        "b",
                        true,
                        cert("nabcep pv installation professional", TODAY),
                        cert("BPI Building Analyst", null)),
                holding("c", true, cert("EVITP", TODAY.minusDays(1))),
                holding("d", false, cert("NATE Heat Pump Installation", TODAY.plusYears(1))),
                holding("e", true, cert("EVITP", TODAY.minusDays(30)))));
        assertEquals(
                List.of("BPI Building Analyst", "NABCEP PV Installation Professional"),
                index.certificationNames(TODAY, 100),
                "expired everywhere (EVITP) and held only by an inactive contractor (NATE) are left out");
        assertEquals(
                List.of("BPI Building Analyst"),
                index.certificationNames(TODAY.plusYears(1).plusDays(1), 100),
                "no expiry: always valid");
        assertEquals(
                List.of("BPI Building Analyst", "EVITP", "NABCEP PV Installation Professional"),
                index.certificationNames(TODAY.minusDays(1), 100),
                "valid through its expiry day");
    }

    @Test
    void atMostTheGivenNumber() {
        List<Contractor> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(holding("c" + i, true, cert(String.format("Credential %03d", i), null)));
        }
        List<String> names = ContractorIndex.of(many).certificationNames(TODAY, 100);
        assertEquals(100, names.size());
        assertEquals("Credential 000", names.get(0));
    }
}
