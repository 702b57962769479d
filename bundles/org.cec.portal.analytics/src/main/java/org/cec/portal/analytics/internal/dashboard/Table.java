package org.cec.portal.analytics.internal.dashboard;

import java.util.List;

/**
 * One table of the dashboard, as the page shows it (a chart drawn from it and the table itself) and as
 * its CSV download carries it: a row header (a day or a value) and numbers.
 *
 * @param id the table's name in the CSV link ({@code ?format=csv&table=<id>}) and the page's element id
 * @param title the heading above the chart
 * @param chart how the page draws it: {@code line} (a series over days), {@code bar} (values side by
 *     side), {@code none} (a table only)
 * @param columns the header of the row header, then of each number
 * @param rows the rows, in the order shown
 * @param note a sentence under the table saying what the numbers count, or empty
 */
public record Table(String id, String title, String chart, List<String> columns, List<Row> rows, String note) {

    /** A row: its header and its numbers, one per column after the first. */
    public record Row(String label, List<Long> values) {}

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
