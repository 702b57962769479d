package org.cec.portal.directory.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.Licence;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.geo.ZipCentroids;
import org.cec.portal.api.i18n.Messages;
import org.cec.portal.testing.ModuleMessages;
import org.junit.jupiter.api.Test;

class ContractorCsvTest {

    /** This bundle's messages files, as the portal's translations give them. */
    static final Messages TEXTS = new ModuleMessages(ContractorCsv.class);

    static final String HEADER = String.join(",", ContractorFields.COLUMNS) + "\r\n";

    /** A few real ZIP centroids. */
    static final ZipCentroids ZIPS = new ZipCentroids() {
        final Map<String, GeoPoint> known = Map.of(
                "94110", new GeoPoint(37.7485, -122.4158),
                "94103", new GeoPoint(37.7726, -122.4099),
                "90012", new GeoPoint(34.0614, -118.2385),
                "02108", new GeoPoint(42.3576, -71.0684));

        @Override
        public boolean exists(String zip) {
            return zip != null && known.containsKey(zip);
        }

        @Override
        public Optional<GeoPoint> centroid(String zip) {
            return Optional.ofNullable(zip == null ? null : known.get(zip));
        }

        @Override
        public int size() {
            return known.size();
        }
    };

    static final ContractorFields.Checks CHECKS = new ContractorFields.Checks(
            Set.of("solar-pv", "heat-pump", "battery-storage"), ZIPS, id -> id.startsWith("demo-"));

    private final AtomicInteger ids = new AtomicInteger();

    /** A problem as the page shows it in English: row, column, the reason's text. */
    record Shown(long row, String column, String reason) {}

    static Shown shown(ContractorCsv.RowError e) {
        String english = e.reason().format(TEXTS, Locale.ENGLISH);
        assertNotEquals(e.reason().key(), english, "the reason is a key of messages.properties");
        return new Shown(e.row(), e.column(), english);
    }

    static List<Shown> shown(List<ContractorCsv.RowError> errors) {
        return errors.stream().map(ContractorCsvTest::shown).toList();
    }

    private String newId() {
        return "c-new" + ids.incrementAndGet();
    }

    /** A valid data row for contractor {@code n}. */
    static String row(int n) {
        return String.join(
                        ",",
                        "c-" + n,
                        "\"Sunny Roofs " + n + ", Inc.\"",
                        "solar-pv;heat-pump",
                        n % 2 == 0 ? "94110" : "",
                        n % 2 == 0 ? "" : "37.75",
                        n % 2 == 0 ? "" : "-122.41",
                        "25",
                        "94103;90012",
                        "NABCEP PV Installation Professional|PV-" + n + "|NABCEP|2027-06-30",
                        "CA|" + (100000 + n) + "|C-46 Solar|2028-01-31",
                        "2027-12-31",
                        "en;es",
                        "\"Installs \"\"solar\"\" panels,\nand heat pumps\"",
                        "https://sunny" + n + ".example.com",
                        "+1 415 555 0100",
                        "info" + n + "@sunny.example.com",
                        n % 10 == 0 ? "false" : "",
                        "2026-11-01")
                + "\r\n";
    }

    @Test
    void aThousandRowsWithThreeBadOnesReportExactlyThoseThreeAndNothingToImport() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int n = 1; n <= 1000; n++) {
            String r = row(n);
            if (n == 17) {
                r = r.replace("solar-pv;heat-pump", "solar-pv;rocket-fuel");
            } else if (n == 500) {
                r = r.replace(",94110,", ",00000,");
            } else if (n == 998) {
                r = r.replace("https://sunny998.example.com", "javascript:alert(1)");
            }
            csv.append(r);
        }
        ContractorCsv.Parsed parsed = ContractorCsv.read(csv.toString(), CHECKS, this::newId);

        assertEquals(1000, parsed.rows());
        assertEquals(3, parsed.errorCount(), () -> parsed.errors().toString());
        assertEquals(
                List.of(
                        new Shown(18, "services", "unknown service 'rocket-fuel'"),
                        new Shown(501, "base_zip", "'00000' is not a known five-digit US ZIP"),
                        new Shown(999, "website", "must be an absolute http:// or https:// address")),
                shown(parsed.errors()));
        assertTrue(parsed.contractors().isEmpty(), "nothing to import while any row is bad");
        assertFalse(parsed.ok());
    }

    @Test
    void aGoodFileOfTenThousandRowsIsReadWhole() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int n = 1; n <= 10_000; n++) {
            csv.append(row(n));
        }
        String text = csv.toString();
        // a loose bound that only a badly slow parser (quadratic, per-row lookups of everything) misses
        ContractorCsv.Parsed parsed =
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ContractorCsv.read(text, CHECKS, this::newId));
        assertTrue(parsed.ok(), () -> parsed.errors().toString());
        assertEquals(10_000, parsed.rows());
        assertEquals(10_000, parsed.contractors().size());
        Contractor c = parsed.contractors().get(41);
        assertEquals("c-42", c.id());
        assertEquals("Sunny Roofs 42, Inc.", c.businessName());
        assertEquals(Set.of("solar-pv", "heat-pump"), c.services());
        assertEquals("94110", c.baseZip());
        assertEquals(ZIPS.centroid("94110").orElseThrow(), c.base());
        assertEquals(25, c.serviceRadiusMiles());
        assertEquals(Set.of("94103", "90012"), c.servedZips());
        assertEquals(
                List.of(new Certification(
                        "NABCEP PV Installation Professional", "PV-42", "NABCEP", LocalDate.of(2027, 6, 30))),
                c.certifications());
        assertEquals(List.of(new Licence("CA", "100042", "C-46 Solar", LocalDate.of(2028, 1, 31))), c.licences());
        assertEquals("Installs \"solar\" panels,\nand heat pumps", c.description());
        assertEquals(Contractor.BUILT_IN, c.source());
        assertTrue(c.active());
        assertFalse(parsed.contractors().get(9).active(), "row 10: active false");
        assertEquals(new GeoPoint(37.75, -122.41), parsed.contractors().get(0).base());
    }

    @Test
    void exportedContractorsReadBackTheSameFormulaLookingCellsIncluded() throws Exception {
        Contractor tricky = new Contractor(
                "c-tricky",
                "=HYPERLINK(\"http://evil.example\",\"click\")",
                Set.of("battery-storage"),
                null,
                new GeoPoint(42.3576, -71.0684),
                12.5,
                Set.of(),
                List.of(new Certification("@home cert", "", "", null)),
                List.of(),
                null,
                Set.of("en"),
                "-minus; plus+ \"quoted\", comma",
                "http://tricky.example/a?b=c",
                "+1 (617) 555-0199",
                "",
                false,
                Contractor.BUILT_IN,
                null);
        ContractorCsv.Parsed first = ContractorCsv.read(HEADER + row(7) + row(8), CHECKS, this::newId);
        List<Contractor> all = new ArrayList<>(first.contractors());
        all.add(tricky);
        StringBuilder out = new StringBuilder();
        ContractorCsv.write(all, ZIPS, out);
        String csv = out.toString();

        assertTrue(csv.startsWith(HEADER), csv);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","), csv);
        assertTrue(csv.contains(",'+1 (617) 555-0199,"), csv);
        assertTrue(csv.contains(",'@home cert|||,"), csv);
        assertTrue(csv.contains(",-71.0684,"), "a plain negative number is not a formula: " + csv);
        assertTrue(
                csv.contains("\r\nc-8,\"Sunny Roofs 8, Inc.\",heat-pump;solar-pv,94110,,,25,"),
                "the ZIP's centre: " + csv);
        assertTrue(csv.contains("\r\nc-7,\"Sunny Roofs 7, Inc.\",heat-pump;solar-pv,,37.75,-122.41,25,"), csv);

        ContractorCsv.Parsed again = ContractorCsv.read(csv, CHECKS, this::newId);
        assertTrue(again.ok(), () -> again.errors().toString());
        assertEquals(all, again.contractors());
    }

    @Test
    void eachKindOfBadCellIsNamedWithItsColumn() {
        String bad = String.join(
                        ",",
                        "Not An Id!",
                        "",
                        "",
                        "9411",
                        "95",
                        "",
                        "-3",
                        "94110;123",
                        "NABCEP|1|NABCEP|2027-02-30",
                        "California|1||",
                        "31/12/2027",
                        "english",
                        "",
                        "ftp://files.example",
                        "call me",
                        "not-an-email",
                        "maybe",
                        "yesterday")
                + "\r\n";
        ContractorCsv.Parsed parsed = ContractorCsv.read(HEADER + bad, CHECKS, this::newId);
        List<String> columns =
                parsed.errors().stream().map(ContractorCsv.RowError::column).toList();
        assertEquals(
                List.of(
                        "id",
                        "business_name",
                        "services",
                        "latitude",
                        "base_zip",
                        "service_radius_miles",
                        "served_zips",
                        "certifications",
                        "licences",
                        "insured_until",
                        "languages",
                        "website",
                        "phone",
                        "email",
                        "active",
                        "last_verified"),
                columns,
                parsed.errors().toString());
        assertTrue(parsed.errors().stream().allMatch(e -> e.row() == 2));
        // every reason has its text in both languages, its arguments (the values typed) filled in
        for (ContractorCsv.RowError e : parsed.errors()) {
            String spanish = e.reason().format(TEXTS, Locale.forLanguageTag("es"));
            assertNotEquals(shown(e).reason(), spanish, e.toString());
            assertFalse(spanish.contains("{"), spanish);
        }
        assertTrue(
                shown(parsed.errors()).contains(new Shown(2, "insured_until", "'31/12/2027' is not a date yyyy-MM-dd")),
                parsed.errors().toString());
        assertTrue(
                shown(parsed.errors())
                        .contains(new Shown(2, "service_radius_miles", "'-3' is not a number from 0 to 500")),
                parsed.errors().toString());
        assertEquals(
                "'31/12/2027' no es una fecha aaaa-mm-dd",
                parsed.errors().stream()
                        .filter(e -> e.column().equals("insured_until"))
                        .findFirst()
                        .orElseThrow()
                        .reason()
                        .format(TEXTS, Locale.forLanguageTag("es")));
    }

    @Test
    void theHeaderMustNameKnownColumnsAndTheRequiredOnes() {
        ContractorCsv.Parsed parsed = ContractorCsv.read("id,name,zip\r\nc-1,A,94110\r\n", CHECKS, this::newId);
        assertEquals(0, parsed.rows());
        assertTrue(
                shown(parsed.errors()).contains(new Shown(1, "name", "unknown column")),
                parsed.errors().toString());
        assertTrue(shown(parsed.errors()).contains(new Shown(1, "business_name", "required column missing")));
        assertTrue(shown(parsed.errors()).contains(new Shown(1, "services", "required column missing")));
    }

    @Test
    void aFileWithFewerColumnsNeedsNoIdAndGetsNewIds() {
        ContractorCsv.Parsed parsed = ContractorCsv.read(
                "business_name,services,base_zip,service_radius_miles\r\nA,solar-pv,94110,10\r\nB,heat-pump,02108,5\r\n",
                CHECKS,
                this::newId);
        assertTrue(parsed.ok(), parsed.errors().toString());
        assertEquals(
                List.of("c-new1", "c-new2"),
                parsed.contractors().stream().map(Contractor::id).toList());
    }

    @Test
    void brokenQuotesDuplicateIdsShortRowsAndReadOnlyIdsAreReported() {
        String csv = HEADER + row(1) + row(1) + "c-3,short\r\n" + row(4).replace("c-4,", "demo-4,")
                + "c-5,\"unterminated,solar-pv\r\n";
        ContractorCsv.Parsed parsed = ContractorCsv.read(csv, CHECKS, this::newId);
        assertEquals(
                new Shown(3, "id", "'c-1' is in the file twice"),
                shown(parsed.errors().get(0)));
        assertEquals(
                new Shown(4, "", "has 2 cells, the header 18"),
                shown(parsed.errors().get(1)));
        assertEquals(5, parsed.errors().get(2).row());
        assertEquals("id", parsed.errors().get(2).column());
        assertEquals(
                new Shown(6, "", "not valid CSV from here on (check the quotes)"),
                shown(parsed.errors().get(3)));
        assertTrue(parsed.contractors().isEmpty());
    }

    @Test
    void anEmptyFileOrOneThatIsNotUtf8IsRefused() {
        assertFalse(ContractorCsv.read(HEADER, CHECKS, this::newId).ok());
        assertFalse(ContractorCsv.read("", CHECKS, this::newId).ok());
        assertTrue(ContractorCsv.decode(new byte[] {'a', (byte) 0xE9, 'b'}).isEmpty(), "Latin-1 é");
        assertEquals(
                Optional.of("id"),
                ContractorCsv.decode("\uFEFFid".getBytes(StandardCharsets.UTF_8)),
                "the byte order mark is dropped");
    }

    @Test
    void aBadRowOfManyReportsAllItsProblemsButOnlyTheFirstThousandAreKept() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int n = 1; n <= 1500; n++) {
            csv.append(row(n).replace("solar-pv;heat-pump", "nope"));
        }
        ContractorCsv.Parsed parsed = ContractorCsv.read(csv.toString(), CHECKS, this::newId);
        assertEquals(1500, parsed.errorCount());
        assertEquals(ContractorCsv.MAX_ERRORS, parsed.errors().size());
    }
}
