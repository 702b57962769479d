package org.cec.portal.itests.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** bin/cec-portal runs in the foreground, logs to the console and logs/, and stops cleanly on SIGTERM. */
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
    }
}
