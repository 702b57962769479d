package org.cec.portal.example.csvsource;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cec.portal.api.directory.Certification;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.Licence;
import org.cec.portal.api.geo.GeoPoint;
import org.cec.portal.api.geo.ZipCentroids;

/**
 * Reads contractors from CSV in the directory's column layout (see docs/operations.md, "Contractors in
 * the console"): a header row, then one contractor per row. A row that cannot be read is skipped and
 * reported by row number and column, never with its values (they may be a person's contact details).
 */
final class ContractorRows {

    /** The columns, as the header names them. Only {@code id} and {@code business_name} are required. */
    static final List<String> COLUMNS = List.of(
            "id",
            "business_name",
            "services",
            "base_zip",
            "latitude",
            "longitude",
            "service_radius_miles",
            "served_zips",
            "certifications",
            "licences",
            "insured_until",
            "languages",
            "description",
            "website",
            "phone",
            "email",
            "active",
            "last_verified");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern ZIP = Pattern.compile("[0-9]{5}");

    /** What a file held: the contractors that could be read, and a line per row that could not. */
    record Result(List<Contractor> contractors, List<String> problems) {}

    private final ZipCentroids zips;

    ContractorRows(ZipCentroids zips) {
        this.zips = zips;
    }

    Result read(Reader csv, String sourceId) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        List<Contractor> contractors = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        try (CSVParser parser = CSVParser.parse(csv, format)) {
            for (String required : List.of("id", "business_name")) {
                if (!parser.getHeaderMap().containsKey(required)) {
                    throw new IOException("The header has no column " + required);
                }
            }
            for (CSVRecord record : parser) {
                long row = record.getRecordNumber() + 1; // the header is row 1
                try {
                    Contractor c = contractor(record, sourceId);
                    if (!seen.add(c.id())) {
                        throw new BadCell("id", "the same id is on an earlier row");
                    }
                    contractors.add(c);
                } catch (BadCell bad) {
                    problems.add("row " + row + ", column " + bad.column + ": " + bad.getMessage());
                }
            }
        }
        return new Result(contractors, problems);
    }

    private Contractor contractor(CSVRecord r, String sourceId) {
        String id = cell(r, "id");
        if (!ID.matcher(id).matches()) {
            throw new BadCell("id", "1 to 64 of a-z, 0-9 and '-', starting with a letter or digit");
        }
        String name = cell(r, "business_name");
        if (name.isEmpty()) {
            throw new BadCell("business_name", "empty");
        }
        String baseZip = cell(r, "base_zip");
        GeoPoint base;
        if (!baseZip.isEmpty()) {
            Optional<GeoPoint> centroid = ZIP.matcher(baseZip).matches() ? zips.centroid(baseZip) : Optional.empty();
            base = centroid.orElseThrow(() -> new BadCell("base_zip", "not a known five-digit ZIP code"));
        } else {
            base = point(r);
            baseZip = null;
        }
        Set<String> served = new LinkedHashSet<>();
        for (String zip : list(cell(r, "served_zips"))) {
            if (!zips.exists(zip)) {
                throw new BadCell("served_zips", "not a known five-digit ZIP code: " + zip);
            }
            served.add(zip);
        }
        return new Contractor(
                id,
                name,
                new LinkedHashSet<>(list(cell(r, "services"))),
                baseZip,
                base,
                miles(cell(r, "service_radius_miles")),
                served,
                certifications(cell(r, "certifications")),
                licences(cell(r, "licences")),
                date(r, "insured_until"),
                languages(cell(r, "languages")),
                cell(r, "description"),
                website(cell(r, "website")),
                cell(r, "phone"),
                cell(r, "email"),
                !"false".equalsIgnoreCase(cell(r, "active")),
                sourceId,
                date(r, "last_verified"));
    }

    private static GeoPoint point(CSVRecord r) {
        String lat = cell(r, "latitude");
        String lon = cell(r, "longitude");
        if (lat.isEmpty() || lon.isEmpty()) {
            throw new BadCell("base_zip", "give base_zip, or latitude and longitude");
        }
        try {
            return new GeoPoint(Double.parseDouble(lat), Double.parseDouble(lon));
        } catch (IllegalArgumentException e) {
            throw new BadCell("latitude", "not a latitude (-90 to 90) and longitude (-180 to 180)");
        }
    }

    private static double miles(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        try {
            double miles = Double.parseDouble(value);
            if (miles >= 0 && miles <= 500) {
                return miles;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadCell("service_radius_miles", "a number of miles from 0 to 500");
    }

    private static List<Certification> certifications(String value) {
        List<Certification> result = new ArrayList<>();
        for (String item : list(value)) {
            String[] p = item.split("\\|", -1);
            if (p[0].isBlank()) {
                throw new BadCell("certifications", "a certification without a name");
            }
            result.add(new Certification(p[0].trim(), part(p, 1), part(p, 2), date("certifications", part(p, 3))));
        }
        return result;
    }

    private static List<Licence> licences(String value) {
        List<Licence> result = new ArrayList<>();
        for (String item : list(value)) {
            String[] p = item.split("\\|", -1);
            if (p.length < 2 || !p[0].trim().matches("[A-Za-z]{2}") || p[1].isBlank()) {
                throw new BadCell("licences", "state|number|class|expires, state as two letters");
            }
            result.add(new Licence(
                    p[0].trim().toUpperCase(Locale.ROOT), p[1].trim(), part(p, 2), date("licences", part(p, 3))));
        }
        return result;
    }

    private static Set<String> languages(String value) {
        Set<String> result = new LinkedHashSet<>();
        for (String code : list(value)) {
            if (!code.matches("[a-z]{2}")) {
                throw new BadCell("languages", "two-letter language codes such as en;es");
            }
            result.add(code);
        }
        return result;
    }

    private static String website(String value) {
        if (value.isEmpty()) {
            return "";
        }
        try {
            java.net.URI uri = new java.net.URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return value;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new BadCell("website", "an http or https address");
    }

    private static LocalDate date(CSVRecord r, String column) {
        return date(column, cell(r, column));
    }

    private static LocalDate date(String column, String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadCell(column, "a date as yyyy-MM-dd");
        }
    }

    private static String part(String[] parts, int i) {
        return i < parts.length ? parts[i].trim() : "";
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(";")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static String cell(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column).trim() : "";
    }

    /** A cell that cannot be read; the message names what is expected, never the value itself. */
    private static final class BadCell extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String column;

        BadCell(String column, String reason) {
            super(reason, null, false, false);
            this.column = column;
        }
    }
}
