package org.cec.portal.example.analyticsexport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import org.cec.portal.api.analytics.DailyRollup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRollupSinkTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 9);

    @Test
    void eachDayBecomesOneCsvFileWithTheHeaderQuotedWhereNeededForTheOwnerOnly(@TempDir Path dir) throws Exception {
        CsvRollupSink sink = new CsvRollupSink(dir.resolve("export"));
        sink.dailyRollups(
                DAY,
                List.of(
                        new DailyRollup(DAY, "pageviews", "", 12, 5),
                        new DailyRollup(DAY, "referrers", "a,\"b\".example", 2, 1),
                        new DailyRollup(DAY, "pages", "/line\nbreak", 1, 1)));
        Path file = dir.resolve("export/rollups-2026-03-09.csv");
        assertEquals(
                "day,metric,item,events,visitors\r\n"
                        + "2026-03-09,pageviews,,12,5\r\n"
                        + "2026-03-09,referrers,\"a,\"\"b\"\".example\",2,1\r\n"
                        + "2026-03-09,pages,\"/line\nbreak\",1,1\r\n",
                Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("export"))));
        try (var files = Files.list(dir.resolve("export"))) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void aDayDeliveredAgainReplacesItsFile(@TempDir Path dir) throws Exception {
        CsvRollupSink sink = new CsvRollupSink(dir);
        sink.dailyRollups(DAY, List.of(new DailyRollup(DAY, "pageviews", "", 12, 5)));
        sink.dailyRollups(DAY, List.of());
        assertEquals("day,metric,item,events,visitors\r\n", Files.readString(sink.fileOf(DAY)));
        assertTrue(Files.isRegularFile(dir.resolve("rollups-2026-03-09.csv")));
    }
}
