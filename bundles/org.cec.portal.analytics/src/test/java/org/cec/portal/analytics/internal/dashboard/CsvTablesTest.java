package org.cec.portal.analytics.internal.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV as RFC 4180 writes it, and values a spreadsheet would run as formulas made text. */
class CsvTablesTest {

    @Test
    void writesTheHeaderAndRowsQuotingWhatNeedsIt() throws Exception {
        Table table = new Table(
                "referrers",
                "console.analytics.table.referrers",
                "bar",
                List.of("Referrer host", "Page views", "Daily visitors summed"),
                List.of("", "", ""),
                List.of(
                        new Table.Row("search.example", List.of(12L, 9L)),
                        new Table.Row("a,b\"c", List.of(1L, 1L)),
                        new Table.Row("\"><img src=x onerror=alert(1)>", List.of(2L, 2L)),
                        new Table.Row("", List.of(3L, 3L))),
                List.of());
        StringWriter out = new StringWriter();
        CsvTables.write(table, out);
        assertEquals(
                "Referrer host,Page views,Daily visitors summed\r\n"
                        + "search.example,12,9\r\n"
                        + "\"a,b\"\"c\",1,1\r\n"
                        + "\"\"\"><img src=x onerror=alert(1)>\",2,2\r\n"
                        + "\"\",3,3\r\n",
                out.toString());
    }

    @Test
    void formulasBecomeText() throws Exception {
        for (String formula : List.of("=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + formula, CsvTables.safe(formula), formula);
        }
        assertEquals("/pages/-x", CsvTables.safe("/pages/-x"));
        assertEquals("", CsvTables.safe(""));
        Table table = new Table(
                "campaigns",
                "console.analytics.table.campaigns",
                "bar",
                List.of("Campaign", "Page views"),
                List.of("", ""),
                List.of(new Table.Row("=1+2", List.of(5L))),
                List.of());
        StringWriter out = new StringWriter();
        CsvTables.write(table, out);
        assertEquals("Campaign,Page views\r\n'=1+2,5\r\n", out.toString());
    }
}
