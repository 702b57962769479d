package org.cec.portal.directory.internal.console;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.geo.ZipCentroids;

/**
 * The contractor CSV format of the console's import and export (RFC 4180 through Apache Commons CSV,
 * UTF-8, header row required; the columns are {@link ContractorFields#COLUMNS}). Reading checks every
 * row and reports each problem with its row number (the header is row 1, as in a spreadsheet), column
 * and reason; writing guards against formula injection: a cell starting with {@code = + - @} (other
 * than a plain number) gets a leading apostrophe, which reading removes again.
 */
final class ContractorCsv {

    /** A problem of one row: {@code row} 1 is the header; {@code reason} a text of the page. */
    record RowError(long row, String column, Text reason) {
        /** The problem with the reason {@code console.contractors.reason.<reason>} and {@code args}. */
        static RowError of(long row, String column, String reason, Object... args) {
            return new RowError(row, column, Text.of(ContractorFields.REASON + reason, args));
        }
    }

    /**
     * What a file holds: {@code rows} data rows, the contractors read from them (all of them only when
     * {@code errors} is empty), the first {@link #MAX_ERRORS} problems and how many there were in all.
     */
    record Parsed(int rows, List<Contractor> contractors, List<RowError> errors, int errorCount) {
        boolean ok() {
            return errorCount == 0 && rows > 0;
        }
    }

    static final int MAX_ERRORS = 1000;
    static final int MAX_ROWS = 200_000;
    private static final Set<String> REQUIRED = Set.of(ContractorFields.BUSINESS_NAME, ContractorFields.SERVICES);
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d{1,15})?");

    private static final CSVFormat READ = CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .get();
    private static final CSVFormat WRITE = CSVFormat.RFC4180
            .builder()
            .setHeader(ContractorFields.COLUMNS.toArray(String[]::new))
            .get();

    private ContractorCsv() {}

    /** The text of an uploaded file: UTF-8 (a byte order mark is dropped), or empty when it is not UTF-8. */
    static Optional<String> decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Reads every row of {@code csv}; a row without an id gets one of {@code newIds}. */
    static Parsed read(String csv, ContractorFields.Checks checks, Supplier<String> newIds) {
        List<Contractor> contractors = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        int[] errorCount = {0};
        int rows = 0;
        try (CSVParser parser = READ.parse(new StringReader(csv))) {
            List<String> header = parser.getHeaderNames();
            if (!header(header, errors, errorCount)) {
                return new Parsed(0, List.of(), List.copyOf(errors), errorCount[0]);
            }
            Set<String> ids = new HashSet<>();
            Iterator<CSVRecord> records = parser.iterator();
            long row = 1;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException broken) {
                    add(errors, errorCount, RowError.of(row + 1, "", "csv.broken"));
                    break;
                }
                row++;
                rows++;
                if (rows > MAX_ROWS) {
                    add(errors, errorCount, RowError.of(row, "", "csv.tooMany", MAX_ROWS));
                    break;
                }
                if (record.size() != header.size()) {
                    add(errors, errorCount, RowError.of(row, "", "csv.cells", record.size(), header.size()));
                    continue;
                }
                Map<String, String> fields = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    fields.put(header.get(i), record.get(i));
                }
                List<ContractorFields.Problem> problems = new ArrayList<>();
                String given = ContractorFields.value(fields, ContractorFields.ID);
                Contractor c = ContractorFields.read(fields, given.isEmpty() ? newIds.get() : given, checks, problems);
                if (c != null && !ids.add(c.id())) {
                    problems.add(ContractorFields.Problem.of(ContractorFields.ID, "csv.twice", c.id()));
                    c = null;
                }
                for (ContractorFields.Problem p : problems) {
                    add(errors, errorCount, new RowError(row, p.field(), p.reason()));
                }
                if (c != null) {
                    contractors.add(c);
                }
            }
        } catch (IOException | IllegalArgumentException | UncheckedIOException | IllegalStateException broken) {
            // a duplicate or empty header name, or a broken first line
            add(errors, errorCount, RowError.of(1, "", "csv.header"));
        }
        if (rows == 0 && errorCount[0] == 0) {
            add(errors, errorCount, RowError.of(2, "", "csv.empty"));
        }
        return new Parsed(
                rows, errorCount[0] == 0 ? List.copyOf(contractors) : List.of(), List.copyOf(errors), errorCount[0]);
    }

    private static boolean header(List<String> header, List<RowError> errors, int[] errorCount) {
        boolean ok = true;
        for (String h : header) {
            if (!ContractorFields.COLUMNS.contains(h)) {
                add(errors, errorCount, RowError.of(1, ContractorFields.shorten(h), "csv.unknownColumn"));
                ok = false;
            }
        }
        for (String r : REQUIRED) {
            if (!header.contains(r)) {
                add(errors, errorCount, RowError.of(1, r, "csv.requiredColumn"));
                ok = false;
            }
        }
        if (!header.contains(ContractorFields.BASE_ZIP)
                && !(header.contains(ContractorFields.LATITUDE) && header.contains(ContractorFields.LONGITUDE))) {
            add(errors, errorCount, RowError.of(1, ContractorFields.BASE_ZIP, "csv.location"));
            ok = false;
        }
        return ok;
    }

    private static void add(List<RowError> errors, int[] count, RowError error) {
        count[0]++;
        if (errors.size() < MAX_ERRORS) {
            errors.add(error);
        }
    }

    /** Writes the header and one row per contractor. */
    static void write(List<Contractor> contractors, ZipCentroids zips, Appendable out) throws IOException {
        try (CSVPrinter printer = new CSVPrinter(out, WRITE)) {
            for (Contractor c : contractors) {
                List<String> cells = new ArrayList<>(ContractorFields.COLUMNS.size());
                for (String v : ContractorFields.write(c, ";", zips).values()) {
                    cells.add(safe(v));
                }
                printer.printRecord(cells);
            }
            printer.flush();
        }
    }

    /** A cell a spreadsheet will not run as a formula. */
    static String safe(String cell) {
        if (!cell.isEmpty()
                && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0
                && !PLAIN_NUMBER.matcher(cell).matches()) {
            return "'" + cell;
        }
        return cell;
    }
}
