package org.cec.portal.analytics.internal.dashboard;

import java.util.List;

/**
 * One table of the dashboard, as the page shows it (a chart drawn from it and the table itself) and as
 * its CSV download carries it: a row header (a day or a value) and numbers.
 *
 * @param id the table's name in the CSV link ({@code ?format=csv&table=<id>}) and the page's element id
 * @param title the message key of the heading above the chart
 * @param chart how the page draws it: {@code line} (a series over days), {@code bar} (values side by
 *     side), {@code none} (a table only)
 * @param columns the CSV header: the name of the row header, then of each number (English, the file's format)
 * @param headings the message key of each column's heading on the page, or empty where the column's
 *     name is data shown as it is (a value of the metric)
 * @param rows the rows, in the order shown
 * @param notes the message keys of the sentences under the table saying what the numbers count
 */
public record Table(
        String id,
        String title,
        String chart,
        List<String> columns,
        List<String> headings,
        List<Row> rows,
        List<String> notes) {

    /** A row: its header and its numbers, one per column after the first. */
    public record Row(String label, List<Long> values) {}

    public Table {
        columns = List.copyOf(columns);
        headings = List.copyOf(headings);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        if (headings.size() != columns.size()) {
            throw new IllegalArgumentException("a heading per column: " + headings + " for " + columns);
        }
    }
}
