package org.cec.portal.admin.internal.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.cec.portal.api.staff.ConsoleRoles;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * There is no default password: when there is no account at all, the first admin is created with a
 * random password written once to {@code <data>/admin-credentials.txt} (readable by its owner only).
 * The file is deleted once that admin has chosen a new password ({@link #passwordChanged}).
 *
 * <p>An installation that kept its accounts in {@code <data>/admin/accounts.properties} (before
 * accounts moved to the database) gets them imported as admins, once; the file is then renamed.
 */
@Component(service = FirstAdmin.class, immediate = true)
public final class FirstAdmin {

    /** The credentials file's name in the data folder. */
    public static final String CREDENTIALS_FILE = "admin-credentials.txt";

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);

    private final Path dataDir;

    @Activate
    public FirstAdmin(BundleContext context, @Reference StaffAccounts accounts) throws IOException {
        String dir = context.getProperty("cec.data.dir");
        this.dataDir = Path.of(dir == null || dir.isBlank() ? "data" : dir).toAbsolutePath();
        importFileAccounts(accounts);
        Optional<String> password;
        try {
            password = accounts.createFirstAdminIfNone();
        } catch (RuntimeException raced) {
            // another node created it at the same moment
            if (accounts.list().isEmpty()) {
                throw raced;
            }
            password = Optional.empty();
        }
        if (password.isPresent()) {
            Path file = dataDir.resolve(CREDENTIALS_FILE);
            writeOwnerOnly(file, "username=" + StaffAccounts.FIRST_ADMIN + "\npassword=" + password.get() + "\n");
            LOG.warn(
                    "Created the first console admin; its credentials are in {} (readable by its owner only)."
                            + " Sign in at /system/sign-in and choose a new password: the file is then deleted.",
                    file);
        }
    }

    /** Deletes the credentials file once the generated admin has a password of its own. */
    public void passwordChanged(String username) {
        if (StaffAccounts.FIRST_ADMIN.equals(username)) {
            try {
                if (Files.deleteIfExists(dataDir.resolve(CREDENTIALS_FILE))) {
                    LOG.info("The first admin chose a new password; deleted {}", CREDENTIALS_FILE);
                }
            } catch (IOException e) {
                LOG.warn(
                        "Could not delete {}: {}",
                        CREDENTIALS_FILE,
                        e.getClass().getName());
            }
        }
    }

    private void importFileAccounts(StaffAccounts accounts) throws IOException {
        Path old = dataDir.resolve("admin").resolve("accounts.properties");
        if (!Files.exists(old)) {
            return;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(old)) {
            props.load(in);
        }
        int imported = 0;
        for (String name : props.stringPropertyNames()) {
            if (StaffAccounts.validName(name) && accounts.find(name).isEmpty()) {
                accounts.importHashed(name, props.getProperty(name), Set.of(ConsoleRoles.ADMIN));
                imported++;
            }
        }
        Files.move(old, old.resolveSibling("accounts.properties.imported"), StandardCopyOption.REPLACE_EXISTING);
        LOG.info("Imported {} console account(s) from {} into the database", imported, old);
    }

    private static void writeOwnerOnly(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
