package org.cec.portal.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A file of secret keys in the keys folder ({@code <data>/keys/} unless shared, see {@link PortalKeys}): random 256-bit keys, each under a key id, and
 * the id of the current one. Created on first use with a first key, readable by its owner only. To
 * rotate, add a key and point {@code current} at it: values made with older keys stay readable.
 */
record KeyFile(String currentId, Map<String, byte[]> keys) {

    private static final String CURRENT = "current";

    static synchronized KeyFile loadOrCreate(Path dir, String fileName, String comment, SecureRandom random)
            throws IOException {
        Path file = dir.resolve(fileName);
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            }
        } else {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            byte[] idBytes = new byte[4];
            random.nextBytes(idBytes);
            String id = HexFormat.of().formatHex(idBytes);
            props.setProperty(CURRENT, id);
            props.setProperty(id, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            writeOwnerOnly(dir, file, props, comment);
            props = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in); // ours, or the keys another node sharing the folder wrote first
            }
        }
        Map<String, byte[]> keys = new TreeMap<>();
        for (String name : props.stringPropertyNames()) {
            if (!name.equals(CURRENT)) {
                keys.put(name, Base64.getUrlDecoder().decode(props.getProperty(name)));
            }
        }
        String current = props.getProperty(CURRENT);
        if (current == null || !keys.containsKey(current)) {
            throw new IOException("The key file " + file + " names no current key; delete it to generate a new one");
        }
        return new KeyFile(current, Map.copyOf(keys));
    }

    /**
     * Writes the new key file next to its place and links it there only if no file is there yet (a
     * hard link never replaces): when two nodes sharing the keys folder start at once, one file wins
     * and the other node reads it, instead of each keeping a key the other does not know.
     */
    private static void writeOwnerOnly(Path dir, Path file, Properties props, String comment) throws IOException {
        Files.createDirectories(dir);
        Path tmp;
        try {
            tmp = Files.createTempFile(
                    dir,
                    file.getFileName().toString(),
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        }
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, comment);
            }
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException anotherNodeWasFirst) {
                // keep the other node's keys: loadOrCreate reads the file again
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
