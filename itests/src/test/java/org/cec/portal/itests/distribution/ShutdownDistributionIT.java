package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * bin/cec-portal runs in the foreground, logs to the console and logs/, starts every bundle at the first
 * try, and stops cleanly on SIGTERM.
 */
class ShutdownDistributionIT {

    @Test
    void sigtermStopsThePortalCleanlyAndLogsGoToTheLogsFolder() throws Exception {
        RunningPortal portal = RunningPortal.start("shutdown");
        int exit = portal.terminate(Duration.ofSeconds(30));
        String out = portal.output();
        assertTrue(out.contains("CEC Portal stopped."), out);
        assertEquals(143, exit, "the exit status of a process ended by SIGTERM");
        assertTrue(Files.size(portal.home.resolve("logs/portal.log")) > 0, "logs/portal.log is written");
        assertTrue(out.contains("CEC Portal started in"), "the console shows the start");
        // The launcher waits for each start level to finish before it installs or starts more; when it
        // did not, it raced Felix's start-level thread and had to start bundles again.
        assertFalse(out.contains("on a second try"), out);
        assertFalse(out.contains("Unable to acquire global lock"), out);
    }
}
