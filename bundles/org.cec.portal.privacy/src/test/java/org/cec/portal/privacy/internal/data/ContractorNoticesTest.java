package org.cec.portal.privacy.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.directory.Disclosure;
import org.cec.portal.privacy.internal.RecordingMailer;
import org.junit.jupiter.api.Test;

class ContractorNoticesTest {

    private static Disclosure disclosure(String contractor, String reference, String at) {
        return new Disclosure(contractor, reference, Instant.parse(at));
    }

    @Test
    void eachContractorIsNamedOnceWithEveryRequestItReceived() {
        List<Disclosure> shared = List.of(
                disclosure("csv:p1", "REF-1", "2026-11-01T10:00:00Z"),
                disclosure("csv:p2", "REF-1", "2026-11-01T10:00:00Z"),
                disclosure("csv:p1", "REF-2", "2026-11-20T10:00:00Z"));
        List<ContractorNotices.Recipient> recipients = ContractorNotices.recipients(shared);
        assertEquals(2, recipients.size());
        assertEquals("csv:p1", recipients.get(0).contractorId());
        assertEquals(
                Map.of("REF-1", "2026-11-01", "REF-2", "2026-11-20"),
                recipients.get(0).sharedOn());
        assertEquals(Map.of("REF-1", "2026-11-01"), recipients.get(1).sharedOn());
    }

    @Test
    void withoutTheDirectoryNothingIsSent() {
        RecordingMailer mailer = new RecordingMailer();
        ContractorNotices notices = new ContractorNotices(mailer, null, null);
        assertEquals(List.of(), notices.sharedWith("ada@example.com"));
        int asked = notices.ask(1, List.of(disclosure("csv:p1", "R", "2026-11-01T00:00:00Z")));
        assertEquals(0, asked);
        assertFalse(!mailer.queued.isEmpty());
    }
}
