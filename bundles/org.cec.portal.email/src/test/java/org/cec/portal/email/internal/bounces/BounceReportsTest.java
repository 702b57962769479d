package org.cec.portal.email.internal.bounces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BounceReportsTest {

    private static List<BounceReport> parse(String json) throws BounceReports.InvalidReports {
        return BounceReports.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String refused(String json) {
        return assertThrows(BounceReports.InvalidReports.class, () -> parse(json))
                .getMessage();
    }

    @Test
    void oneObjectIsOneReportWithTheAddressNormalisedAndTheMessageIdWithoutBrackets() throws Exception {
        List<BounceReport> reports = parse("{\"recipient\": \" Ana@Example.ORG \", \"type\": \"hard\","
                + " \"messageId\": \"<abc123@portal.example.org>\", \"reason\": \"550 5.1.1 unknown user\","
                + " \"provider\": \"ignored\"}");
        assertEquals(
                List.of(new BounceReport(
                        "ana@example.org",
                        BounceReport.Type.HARD,
                        Optional.of("abc123@portal.example.org"),
                        "550 5.1.1 unknown user")),
                reports);
    }

    @Test
    void anArrayIsSeveralReportsAndMessageIdAndReasonAreOptional() throws Exception {
        List<BounceReport> reports = parse("[{\"recipient\": \"a@example.org\", \"type\": \"SOFT\"},"
                + " {\"recipient\": \"b@example.org\", \"type\": \"hard\", \"messageId\": \"x@y\", \"reason\": null}]");
        assertEquals(2, reports.size());
        assertEquals(BounceReport.Type.SOFT, reports.get(0).type());
        assertEquals(Optional.empty(), reports.get(0).messageId());
        assertEquals("", reports.get(0).reason());
        assertEquals(Optional.of("x@y"), reports.get(1).messageId());
    }

    @Test
    void aLongOrMultiLineReasonIsCutToOneLine() throws Exception {
        String reason = parse("{\"recipient\": \"a@example.org\", \"type\": \"hard\", \"reason\": \"550\\r\\nSpam: "
                        + "x".repeat(500) + "\"}")
                .get(0)
                .reason();
        assertEquals(BounceReport.MAX_REASON, reason.length());
        assertFalse(reason.contains("\n") || reason.contains("\r"), reason);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "not json | The body is not JSON",
                "'' | The body is not JSON",
                "{\"recipient\": \"a@example.org\", | The body is not JSON",
                "42 | The body must be a bounce object or an array of them",
                "[] | The array holds no bounce",
                "[1] | Item 0: each bounce must be an object",
                "{\"type\": \"hard\"} | recipient is missing",
                "{\"recipient\": 7, \"type\": \"hard\"} | recipient must be a string",
                "{\"recipient\": \"nobody\", \"type\": \"hard\"} | recipient is not an email address",
                "{\"recipient\": \"a@example.org\\r\\nBcc: b@example.org\", \"type\": \"hard\"} | recipient is not an email address",
                "{\"recipient\": \"a@example.org\"} | type is missing",
                "{\"recipient\": \"a@example.org\", \"type\": \"bounced\"} | type must be \"hard\" or \"soft\"",
                "{\"recipient\": \"a@example.org\", \"type\": \"hard\", \"messageId\": \"<>\"} | messageId must be a Message-ID",
                "{\"recipient\": \"a@example.org\", \"type\": \"hard\", \"messageId\": \"a b@c\"} | messageId must be a Message-ID",
                "[{\"recipient\": \"a@example.org\", \"type\": \"hard\"}, {\"recipient\": \"b@example.org\"}] | Item 1: type is missing"
            })
    void aBodyThatIsNotBounceReportsIsRefusedWithTheReason(String json, String reason) {
        String message = refused(json);
        assertTrue(message.contains(reason), message);
        assertFalse(message.contains("example.org"), "the address is not repeated: " + message);
    }

    @Test
    void tooManyReportsAreRefused() {
        String one = "{\"recipient\": \"a@example.org\", \"type\": \"soft\"}";
        String many = "[" + String.join(",", java.util.Collections.nCopies(BounceReports.MAX_REPORTS + 1, one)) + "]";
        assertTrue(refused(many).contains("At most " + BounceReports.MAX_REPORTS));
    }
}
