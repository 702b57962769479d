package org.cec.portal.example.csvsource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorSource;
import org.cec.portal.api.geo.ZipCentroids;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contractors from one CSV file: the directory shows them while this bundle runs, and reads the file
 * again within about a second of each change (it asks {@link #revision()}, the file's modification
 * time and size). Configuration PID {@code org.cec.portal.example.csvsource}.
 */
@Component(service = ContractorSource.class, configurationPid = CsvContractorSource.PID)
@Designate(ocd = CsvContractorSource.Config.class)
public final class CsvContractorSource implements ContractorSource {

    static final String PID = "org.cec.portal.example.csvsource";

    private static final Logger LOG = LoggerFactory.getLogger(CsvContractorSource.class);

    /** How many unreadable rows are logged one by one; the rest are counted. */
    private static final int PROBLEMS_LOGGED = 20;

    @ObjectClassDefinition(
            name = "Example: contractors from a CSV file",
            description = "A partner plugin that adds the contractors of one CSV file to the directory.")
    public @interface Config {
        @AttributeDefinition(
                name = "File",
                description = "The CSV file; relative paths are below the portal's data folder. Replace it in one"
                        + " step (write a new file, then rename it over the old one).")
        String file() default "csvsource/contractors.csv";

        @AttributeDefinition(
                name = "Source id",
                description = "Prefixes the ids of its contractors (csv:42): 1 to 32 of a-z, 0-9 and '-'.")
        String source_id() default "csv";

        @AttributeDefinition(
                name = "Label",
                description = "Shown beside its contractors; %source.label for the bundle's own text in each language.")
        String label() default "%source.label";
    }

    private final ZipCentroids zips;
    private final Path file;
    private final String id;
    private final String label;

    @Activate
    public CsvContractorSource(@Reference ZipCentroids zips, BundleContext context, Config config) {
        this.zips = zips;
        String dataDir = context.getProperty("cec.data.dir");
        Path base = Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir);
        this.file = base.resolve(config.file()).toAbsolutePath().normalize();
        this.id = config.source_id();
        this.label = config.label();
        LOG.info("Contractors of source {} are read from {}", id, file);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public long revision() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() * 31 + a.size();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public List<Contractor> contractors() {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ContractorRows.Result result = new ContractorRows(zips).read(in, id);
            LOG.info(
                    "Source {}: {} contractors read, {} rows skipped",
                    id,
                    result.contractors().size(),
                    result.problems().size());
            result.problems().stream().limit(PROBLEMS_LOGGED).forEach(p -> LOG.warn("Source {}: {}", id, p));
            return result.contractors();
        } catch (NoSuchFileException e) {
            LOG.info("Source {}: no file {} yet, no contractors", id, file);
            return List.of();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Source {}: the file cannot be read ({}), no contractors", id, e.getMessage());
            return List.of();
        }
    }
}
