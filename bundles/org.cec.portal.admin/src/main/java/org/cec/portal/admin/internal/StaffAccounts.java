package org.cec.portal.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Staff accounts and their password hashes, in {@code <data>/admin/accounts.properties} (owner
 * read/write only). There is no default password: when there is no account yet, the first admin is
 * created with a random password that is written once to {@code <data>/admin-credentials.txt}.
 */
final class StaffAccounts {

    static final String FIRST_ADMIN = "admin";
    static final String CREDENTIALS_FILE = "admin-credentials.txt";

    private final Path file;
    private final PasswordHasher hasher;
    private final Properties accounts = new Properties();
    /** Checked instead of a hash when the name is no account, so that both take the same time. */
    private final String dummyHash;

    StaffAccounts(Path dataDir, PasswordHasher hasher) throws IOException {
        this.file = dataDir.resolve("admin").resolve("accounts.properties");
        this.hasher = hasher;
        this.dummyHash = hasher.hash(hasher.randomPassword(24).toCharArray());
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                accounts.load(in);
            }
        }
    }

    /**
     * Creates the first admin when there is no account at all, and writes its credentials to the
     * credentials file. Returns that file, or empty when accounts existed already.
     */
    synchronized Optional<Path> createFirstAdminIfNone(Path dataDir) throws IOException {
        if (!accounts.isEmpty()) {
            return Optional.empty();
        }
        String password = hasher.randomPassword(24);
        accounts.setProperty(FIRST_ADMIN, hasher.hash(password.toCharArray()));
        Path credentials = dataDir.resolve(CREDENTIALS_FILE);
        writeOwnerOnly(credentials, out -> {
            try (Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write("username=" + FIRST_ADMIN + "\npassword=" + password + "\n");
            }
        });
        save();
        return Optional.of(credentials);
    }

    /**
     * Whether {@code user} exists and {@code password} is theirs. An unknown name costs the same hash
     * computation as a known one, so the answer's timing does not tell which names are accounts.
     */
    boolean verify(String user, char[] password) {
        String stored;
        synchronized (this) {
            stored = accounts.getProperty(user);
        }
        boolean matches = PasswordHasher.verify(password, stored != null ? stored : dummyHash);
        return stored != null && matches;
    }

    private void save() throws IOException {
        writeOwnerOnly(file, out -> accounts.store(out, "CEC Portal staff accounts (PBKDF2 hashes)"));
    }

    private interface Content {
        void write(OutputStream out) throws IOException;
    }

    /** Writes a file that only its owner can read, atomically. */
    private static void writeOwnerOnly(Path target, Content content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        try (OutputStream out = Files.newOutputStream(tmp)) {
            content.write(out);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
