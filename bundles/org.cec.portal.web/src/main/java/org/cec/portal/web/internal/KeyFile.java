package org.cec.portal.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * A file of secret keys under {@code <data>/keys/}: random 256-bit keys, each under a key id, and
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

    private static void writeOwnerOnly(Path dir, Path file, Properties props, String comment) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        try (OutputStream out = Files.newOutputStream(tmp)) {
            props.store(out, comment);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
