package org.cec.portal.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;

/**
 * Finds a module's migrations: {@code db/migration/V<n>__*.sql}, where a file of the same version in
 * {@code db/migration/<dialect>/} replaces the generic one on that database.
 */
final class MigrationScripts {

    static final String FOLDER = "db/migration";

    private MigrationScripts() {}

    /** The migrations inside a bundle (not its fragments' class path: only its own entries). */
    static List<Migration> fromBundle(Bundle bundle, Dialect dialect) throws MigrationException {
        return merge(readBundle(bundle, FOLDER), readBundle(bundle, FOLDER + "/" + dialect.folder()));
    }

    /** The migrations under a directory laid out like a bundle's {@code db/migration}, for tests. */
    static List<Migration> fromDirectory(Path migrationDir, Dialect dialect) throws MigrationException {
        return merge(
                readDirectory(migrationDir, FOLDER),
                readDirectory(migrationDir.resolve(dialect.folder()), FOLDER + "/" + dialect.folder()));
    }

    static List<Migration> merge(List<Migration> generic, List<Migration> specific) throws MigrationException {
        Map<Integer, Migration> byVersion = index(generic);
        byVersion.putAll(index(specific));
        return List.copyOf(byVersion.values());
    }

    private static Map<Integer, Migration> index(List<Migration> migrations) throws MigrationException {
        Map<Integer, Migration> byVersion = new TreeMap<>();
        for (Migration m : migrations) {
            Migration previous = byVersion.put(m.version(), m);
            if (previous != null) {
                throw new MigrationException(
                        "Two migrations have version " + m.version() + ": " + previous.source() + " and " + m.source());
            }
        }
        return byVersion;
    }

    private static List<Migration> readBundle(Bundle bundle, String folder) {
        Enumeration<URL> entries = bundle.findEntries(folder, "V*.sql", false);
        List<Migration> out = new ArrayList<>();
        if (entries == null) {
            return out;
        }
        for (URL url : Collections.list(entries)) {
            String path = url.getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            try (InputStream in = url.openStream()) {
                Migration m = Migration.fromFile(
                        name, new String(in.readAllBytes(), StandardCharsets.UTF_8), folder + "/" + name);
                if (m != null) {
                    out.add(m);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + folder + "/" + name, e);
            }
        }
        return out;
    }

    private static List<Migration> readDirectory(Path dir, String folder) {
        List<Migration> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                Migration m = Migration.fromFile(name, Files.readString(file), folder + "/" + name);
                if (m != null) {
                    out.add(m);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
        return out;
    }
}
