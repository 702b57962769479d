package org.cec.portal.directory.internal.pages;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.directory.ContractorMatch;
import org.cec.portal.api.directory.ContractorQuery;
import org.cec.portal.api.directory.Licence;
import org.cec.portal.api.directory.SearchResult;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.geo.ZipCentroids;

/** A directory over a fixed list, searched the simple way, and two ZIP codes that exist. */
final class FakeDirectory implements ContractorDirectory, ZipCentroids {

    static final GeoPoint SF = new GeoPoint(37.7484, -122.4156); // 94110
    static final Map<String, GeoPoint> ZIPS = Map.of("94110", SF, "02108", new GeoPoint(42.3577, -71.0651));

    final List<Contractor> contractors = new ArrayList<>();

    static Contractor contractor(String id, String name, double milesNorth, String website, boolean active) {
        GeoPoint base = new GeoPoint(SF.latitude() + milesNorth / 69.0, SF.longitude());
        LocalDate today = LocalDate.now();
        return new Contractor(
                id,
                name,
                Set.of("solar"),
                null,
                base,
                30,
                Set.of(),
                List.of(
                        new Certification("NABCEP PV Installation Professional", "PV-1", "NABCEP", today.plusYears(1)),
                        new Certification("BPI Building Analyst", "B-2", "BPI", today.minusDays(1))),
                List.of(new Licence("CA", "123456", "C-46 Solar", today.plusYears(2))),
                today.plusMonths(6),
                Set.of("en", "es"),
                "We install solar.",
                website,
                "(415) 555-0100",
                "hello@example.org",
                active,
                Contractor.DEMO,
                today.minusDays(10));
    }

    @Override
    public SearchResult search(ContractorQuery query, Locale locale) {
        GeoPoint at = ZIPS.get(query.zip());
        if (at == null) {
            throw new IllegalArgumentException("unknown ZIP");
        }
        LocalDate today = LocalDate.now();
        List<ContractorMatch> all = new ArrayList<>();
        for (Contractor c : contractors) {
            double d = at.milesTo(c.base());
            if (c.active()
                    && d <= query.radiusMiles()
                    && c.serves(query.zip(), d)
                    && (query.service() == null || c.services().contains(query.service()))
                    && (query.certification() == null || c.holdsValid(query.certification(), today))
                    && (query.language() == null || c.languages().contains(query.language()))) {
                all.add(new ContractorMatch(c, d, locale.getLanguage().equals("es") ? "Demostración" : "Demo"));
            }
        }
        all.sort(Comparator.comparingDouble(ContractorMatch::distanceMiles));
        int from = Math.min(all.size(), (query.page() - 1) * query.pageSize());
        int to = Math.min(all.size(), from + query.pageSize());
        return new SearchResult(all.subList(from, to), all.size(), query.page(), query.pageSize());
    }

    @Override
    public Optional<Contractor> find(String id) {
        return contractors.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    @Override
    public List<String> certificationNames() {
        LocalDate today = LocalDate.now();
        return contractors.stream()
                .filter(Contractor::active)
                .flatMap(c -> c.certifications().stream())
                .filter(cert -> cert.validOn(today))
                .map(Certification::name)
                .distinct()
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    @Override
    public boolean exists(String zip) {
        return zip != null && ZIPS.containsKey(zip);
    }

    @Override
    public Optional<GeoPoint> centroid(String zip) {
        return Optional.ofNullable(ZIPS.get(zip));
    }

    @Override
    public int size() {
        return ZIPS.size();
    }
}
