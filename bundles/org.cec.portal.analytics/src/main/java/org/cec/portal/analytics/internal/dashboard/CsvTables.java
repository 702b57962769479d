package org.cec.portal.analytics.internal.dashboard;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a dashboard {@link Table} as CSV (RFC 4180, Commons CSV): its header line, then one line per
 * row. Values come from visitors' requests (a referrer host, a UTM value, a path), so a value a
 * spreadsheet would take for a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, a
 * tab or a carriage return) gets a leading {@code '} and is shown as text.
 */
final class CsvTables {

    private CsvTables() {}

    static void write(Table table, Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180);
        List<String> header = new ArrayList<>();
        for (String column : table.columns()) {
            header.add(safe(column));
        }
        csv.printRecord(header);
        for (Table.Row row : table.rows()) {
            List<Object> line = new ArrayList<>(row.values().size() + 1);
            line.add(safe(row.label()));
            line.addAll(row.values());
            csv.printRecord(line);
        }
        csv.flush();
    }

    /** {@code value}, with a {@code '} before it when a spreadsheet would run it as a formula. */
    static String safe(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }
}
