package org.cec.portal.privacy.internal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.privacy.internal.RecordingMailer;
import org.cec.portal.privacy.internal.data.PersonalData.Area;
import org.junit.jupiter.api.Test;

class ContractorNoticesTest {

    private static PersonalRecord disclosure(String contractor, String reference, String at) {
        return new PersonalRecord(
                ContractorNotices.DISCLOSURE,
                Instant.parse(at),
                Map.of("contractor", contractor, "request", reference, "contractor name", "x"));
    }

    @Test
    void eachContractorIsNamedOnceWithEveryRequestItReceived() {
        List<Area> before = List.of(
                new Area(
                        "directory",
                        List.of(
                                disclosure("csv:p1", "REF-1", "2026-11-01T10:00:00Z"),
                                disclosure("csv:p2", "REF-1", "2026-11-01T10:00:00Z"),
                                disclosure("csv:p1", "REF-2", "2026-11-20T10:00:00Z"),
                                new PersonalRecord(
                                        "directory.lead-outcome",
                                        Instant.parse("2026-11-02T00:00:00Z"),
                                        Map.of("contractor", "csv:p3"))),
                        false),
                new Area("intake", List.of(new PersonalRecord("intake.request", Instant.EPOCH, Map.of())), false));
        List<ContractorNotices.Recipient> recipients = ContractorNotices.recipients(before);
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
        ContractorNotices notices = new ContractorNotices(mailer, null);
        int asked = notices.ask(
                1, List.of(new Area("directory", List.of(disclosure("csv:p1", "R", "2026-11-01T00:00:00Z")), false)));
        assertEquals(0, asked);
        assertFalse(!mailer.queued.isEmpty());
    }
}
