package org.cec.portal.directory.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class DirectoryHealthCheckTest {

    private static Result check(IndexStatus.Status status) {
        return new DirectoryHealthCheck(() -> status).execute();
    }

    private static String messages(Result r) {
        StringBuilder b = new StringBuilder();
        r.forEach(e -> b.append(e.getMessage()).append('\n'));
        return b.toString();
    }

    @Test
    void okWithTheCountsAndEachSource() {
        Result r = check(new IndexStatus.Status(
                202,
                200,
                true,
                "",
                List.of(new IndexStatus.Source("csv", 2, true, ""), new IndexStatus.Source("crm", 0, false, ""))));
        assertEquals(Result.Status.OK, r.getStatus());
        String text = messages(r);
        assertTrue(text.contains("202 contractor(s) in the index, 200 active"), text);
        assertTrue(text.contains("Source csv: 2 contractor(s)"), text);
        assertTrue(text.contains("Source crm is being read for the first time"), text);
    }

    @Test
    void aFailingSourceOrStoreIsAWarningAndAStoreNeverReadIsCritical() {
        assertEquals(
                Result.Status.WARN,
                check(new IndexStatus.Status(
                                5,
                                5,
                                true,
                                "",
                                List.of(new IndexStatus.Source("csv", 5, true, "IllegalStateException: gone"))))
                        .getStatus());
        assertEquals(
                Result.Status.WARN,
                check(new IndexStatus.Status(5, 5, true, "SQLException: down", List.of()))
                        .getStatus());
        assertEquals(
                Result.Status.CRITICAL,
                check(new IndexStatus.Status(0, 0, false, "SQLException: down", List.of()))
                        .getStatus());
    }
}
