package org.cec.portal.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Folders and files for the portal's own user only: folders 0700, files 0600. The data folder holds
 * the database (personal data), the cookie keys and the admin's first password, whatever the umask
 * the process was started with ({@code bin/cec-portal} also sets {@code umask 077}, so that files
 * the database creates later are private too).
 */
final class OwnerOnly {

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {}

    /** Creates {@code dir} (and missing parents) if needed, and makes it 0700. */
    static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
        return dir;
    }

    /**
     * Takes every permission of group and others from {@code root} and everything below it (an
     * installation started before with a looser umask), without following links.
     */
    static void restrictTree(Path root) throws IOException {
        if (!Files.exists(root) || !posix(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                restrict(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() || attrs.isDirectory()) {
                    restrict(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Writes {@code bytes} to {@code file}, which is 0600 before anything is written to it. */
    static void write(Path file, byte[] bytes) throws IOException {
        if (posix(file.getParent())) {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            }
            Files.setPosixFilePermissions(file, FILE);
        }
        try (OutputStream out = Files.newOutputStream(
                file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            out.write(bytes);
        }
    }

    /** Makes an existing file 0600. */
    static void file(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static void restrict(Path path) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
        if (perms.removeAll(GROUP_AND_OTHERS)) {
            Files.setPosixFilePermissions(path, perms);
        }
    }

    private static boolean posix(Path path) {
        return Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }
}
