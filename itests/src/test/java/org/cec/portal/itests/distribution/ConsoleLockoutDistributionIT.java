package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Five wrong passwords lock the console account: even the right password is then refused. */
class ConsoleLockoutDistributionIT {

    @Test
    void fiveFailedSignInsLockTheAccount() throws Exception {
        try (RunningPortal portal = RunningPortal.start("lockout")) {
            Properties props = new Properties();
            props.load(Files.newBufferedReader(portal.dataDir.resolve("admin-credentials.txt")));
            String password = props.getProperty("password");
            String page = "/system/console/bundles";

            for (int i = 0; i < 5; i++) {
                int status = portal.send(HttpRequest.newBuilder(portal.uri(page))
                                .header("Authorization", Http.basic("admin", "wrong-" + i)))
                        .statusCode();
                assertEquals(401, status, "wrong password " + i);
            }
            int afterLock = portal.send(HttpRequest.newBuilder(portal.uri(page))
                            .header("Authorization", Http.basic("admin", password)))
                    .statusCode();
            assertEquals(401, afterLock, "the right password is refused while the account is locked");
        }
    }
}
