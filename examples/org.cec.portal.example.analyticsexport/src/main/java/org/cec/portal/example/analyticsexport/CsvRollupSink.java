package org.cec.portal.example.analyticsexport;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cec.portal.api.analytics.AnalyticsSink;
import org.cec.portal.api.analytics.DailyRollup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AnalyticsSink} that writes the rollups of each finished day into {@code
 * rollups-yyyy-mm-dd.csv} (header {@code day,metric,item,events,visitors}, RFC 4180 quoting) in a folder,
 * readable by the portal's user only. Each file is written beside its final name and then renamed, so a
 * reader never sees half a file; a day delivered again replaces its file. Configuration PID {@value
 * #PID}, setting {@code folder} (default {@code data/analytics-export}: a relative path is below the
 * portal's home folder).
 */
@Component(service = AnalyticsSink.class, configurationPid = CsvRollupSink.PID)
@Designate(ocd = CsvRollupSink.Config.class)
public final class CsvRollupSink implements AnalyticsSink {

    static final String PID = "org.cec.portal.example.analyticsexport";
    static final String[] HEADER = {"day", "metric", "item", "events", "visitors"};

    private static final Logger LOG = LoggerFactory.getLogger(CsvRollupSink.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    @ObjectClassDefinition(
            name = "Example: analytics rollups as CSV files",
            description = "A partner plugin that receives each finished day's analytics rollups and writes them"
                    + " as rollups-yyyy-mm-dd.csv into a folder.")
    public @interface Config {
        @AttributeDefinition(
                name = "Folder",
                description = "Where the CSV files go; a relative path is below the portal's home folder.")
        String folder() default "data/analytics-export";
    }

    private final Path folder;

    @Activate
    public CsvRollupSink(BundleContext context, Config config) throws IOException {
        this(base(context).resolve(config.folder()));
    }

    /** A sink writing into {@code folder} (created, for the owner only, when missing). */
    CsvRollupSink(Path folder) throws IOException {
        this.folder = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.folder)) {
            Files.createDirectories(this.folder);
            if (posix()) {
                Files.setPosixFilePermissions(this.folder, OWNER_ONLY_FOLDER);
            }
        }
        LOG.info("Daily analytics rollups are written as CSV files into {}", this.folder);
    }

    private static Path base(BundleContext context) {
        String home = context.getProperty("cec.home");
        return Path.of(home == null || home.isBlank() ? "." : home);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** The file of {@code day}. */
    Path fileOf(LocalDate day) {
        return folder.resolve("rollups-" + day + ".csv");
    }

    @Override
    public void dailyRollups(LocalDate day, List<DailyRollup> rollups) throws IOException {
        Path target = fileOf(day);
        Path part = Files.createTempFile(folder, "." + target.getFileName(), ".part");
        try {
            if (posix()) {
                Files.setPosixFilePermissions(part, OWNER_ONLY);
            }
            try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(
                            out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
                for (DailyRollup r : rollups) {
                    csv.printRecord(r.day(), r.metric(), r.item(), r.events(), r.visitors());
                }
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        LOG.info("Wrote {} ({} rows)", target.getFileName(), rollups.size());
    }
}
