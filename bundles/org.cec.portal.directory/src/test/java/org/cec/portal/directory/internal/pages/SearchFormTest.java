package org.cec.portal.directory.internal.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cec.portal.api.directory.ContractorQuery;
import org.junit.jupiter.api.Test;

/** Reading and checking the search parameters of the page and the API. */
class SearchFormTest {

    private static final Set<String> ZIPS = Set.of("94110", "02108");
    private static final Set<String> SERVICES = Set.of("solar", "heat-pump");

    private static SearchForm read(String... pairs) {
        Map<String, String[]> map = new LinkedHashMap<>();
        int length = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            String[] old = map.get(pairs[i]);
            String[] values;
            if (old == null) {
                values = new String[] {pairs[i + 1]};
            } else {
                values = java.util.Arrays.copyOf(old, old.length + 1);
                values[old.length] = pairs[i + 1];
            }
            map.put(pairs[i], values);
            length += pairs[i].length() + pairs[i + 1].length() + 2;
        }
        return SearchForm.read(map, length, ZIPS::contains, SERVICES, 20);
    }

    private static List<String> keys(SearchForm form) {
        return form.problems().stream().map(SearchForm.Problem::key).toList();
    }

    private static String onlyField(SearchForm form) {
        assertEquals(1, form.problems().size(), form.problems().toString());
        return form.problems().get(0).field();
    }

    @Test
    void noZipIsTheFormAlone() {
        SearchForm form = read();
        assertFalse(form.searched());
        assertNull(form.query());
        assertEquals(List.of(), form.problems());
        assertEquals(ContractorQuery.DEFAULT_RADIUS, form.radius());
    }

    @Test
    void aGoodSearchWithEveryFilter() {
        SearchForm form = read(
                "zip",
                " 94110 ",
                "radius",
                "50",
                "service",
                "solar",
                "cert",
                "NABCEP PV Installation Professional",
                "lang",
                "ES",
                "page",
                "3",
                "other",
                "ignored");
        ContractorQuery q = form.query();
        assertNotNull(q, form.problems().toString());
        assertEquals("94110", q.zip());
        assertEquals(50, q.radiusMiles());
        assertEquals("solar", q.service());
        assertEquals("NABCEP PV Installation Professional", q.certification());
        assertEquals("es", q.language());
        assertEquals(3, q.page());
        assertEquals(20, q.pageSize());
    }

    @Test
    void emptyFiltersMeanAnyAndZipPlusFourIsItsZip() {
        ContractorQuery q = read("zip", "94110-1234", "radius", "", "service", "", "cert", "", "lang", "", "page", "")
                .query();
        assertNotNull(q);
        assertEquals("94110", q.zip());
        assertEquals(25, q.radiusMiles());
        assertNull(q.service());
        assertNull(q.certification());
        assertNull(q.language());
        assertEquals(1, q.page());
    }

    @Test
    void zipProblems() {
        assertEquals(List.of("directory.search.error.zip.format"), keys(read("zip", "abc")));
        assertEquals(List.of("directory.search.error.zip.format"), keys(read("zip", "9411")));
        assertEquals(List.of("directory.search.error.zip.unknown"), keys(read("zip", "00000")));
        assertEquals(List.of("directory.search.error.zip.missing"), keys(read("zip", "  ")));
        assertTrue(read("zip", "abc").searched());
        assertEquals("zip", onlyField(read("zip", "00000")));
    }

    @Test
    void radiusMustBeAWholeNumberFrom1To100() {
        for (String bad : List.of("-5", "0", "101", "10000", "2.5", "ten", "1e2", "99999999999999999999")) {
            assertEquals("radius", onlyField(read("zip", "94110", "radius", bad)), bad);
        }
        assertEquals(1, read("zip", "94110", "radius", "1").query().radiusMiles());
        assertEquals(100, read("zip", "94110", "radius", "100").query().radiusMiles());
        assertEquals(37, read("zip", "94110", "radius", "37").radius());
    }

    @Test
    void pageMustBeFrom1To10000() {
        for (String bad : List.of("-1", "0", "10001", "1000000000000", "x")) {
            assertEquals("page", onlyField(read("zip", "94110", "page", bad)), bad);
        }
        assertEquals(10_000, read("zip", "94110", "page", "10000").query().page());
    }

    @Test
    void unknownServiceAndLanguage() {
        assertEquals("service", onlyField(read("zip", "94110", "service", "teleportation")));
        assertEquals("service", onlyField(read("zip", "94110", "service", "<script>")));
        assertEquals("lang", onlyField(read("zip", "94110", "lang", "xx")));
        assertEquals("lang", onlyField(read("zip", "94110", "lang", "english")));
        assertEquals("cert", onlyField(read("zip", "94110", "cert", "a\u0000b")));
    }

    @Test
    void repeatedParametersAreRefused() {
        SearchForm form = read("zip", "94110", "zip", "02108");
        assertEquals(List.of("directory.search.error.repeated"), keys(form));
        assertEquals("zip", form.problems().get(0).argument());
        assertNull(form.query());
        assertEquals("radius", onlyField(read("zip", "94110", "radius", "5", "radius", "5")));
    }

    @Test
    void overlyLongValuesAndQueries() {
        String longValue = "9".repeat(SearchForm.MAX_VALUE + 1);
        SearchForm form = read("zip", longValue);
        assertEquals(List.of("directory.search.error.long"), keys(form));
        assertEquals(SearchForm.MAX_VALUE, form.typed().get("zip").length());

        Map<String, String[]> map = Map.of("zip", new String[] {"94110"}, "x", new String[] {"a".repeat(10_000)});
        SearchForm huge = SearchForm.read(map, 10_010, ZIPS::contains, SERVICES, 20);
        assertEquals(List.of("directory.search.error.query"), keys(huge));
        assertNull(huge.problems().get(0).field());
        assertNull(huge.query());
        assertTrue(huge.searched());
    }

    @Test
    void everyProblemIsListedInTheOrderOfTheForm() {
        SearchForm form = read("page", "0", "lang", "zz", "zip", "abc", "radius", "-5", "service", "x");
        assertEquals(
                List.of("zip", "radius", "service", "lang", "page"),
                form.problems().stream().map(SearchForm.Problem::field).toList());
        assertEquals("abc", form.typed().get("zip"));
        assertEquals("-5", form.typed().get("radius"));
        assertEquals(ContractorQuery.DEFAULT_RADIUS, form.radius());
    }
}
