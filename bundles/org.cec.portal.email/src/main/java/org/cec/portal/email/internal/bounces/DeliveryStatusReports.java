package org.cec.portal.email.internal.bounces;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cec.portal.api.email.MailAddress;

/**
 * Reads the bounces of one message of the bounce mailbox: a delivery status notification (RFC 3464,
 * {@code multipart/report; report-type=delivery-status}) as mail servers send them. Its {@code
 * message/delivery-status} part holds a block of fields per recipient ({@code Final-Recipient}, {@code
 * Action}, {@code Status}, {@code Diagnostic-Code}), read with Jakarta Mail's {@link InternetHeaders};
 * the returned message or its headers ({@code message/rfc822}, {@code text/rfc822-headers}) give the
 * {@code Message-ID} of the message that bounced.
 *
 * <p>{@code Action: failed} with a 5.x.x status (or none) is a hard bounce, {@code failed} with 4.x.x
 * and {@code delayed} are soft; {@code delivered}, {@code relayed} and {@code expanded} are no bounce.
 * Anyone can send mail to the mailbox, so a report counts only when it names the {@code Message-ID} of
 * the message that bounced: without one, or for anything that is not a delivery status notification
 * (an auto-reply, say), the answer is empty.
 */
final class DeliveryStatusReports {

    /** The most recipients read from one notification. */
    static final int MAX_RECIPIENTS = 100;

    private DeliveryStatusReports() {}

    /** The bounces that {@code message} reports; empty when it is not a delivery status notification. */
    static List<BounceReport> of(Part message) throws MessagingException, IOException {
        if (!message.isMimeType("multipart/report") || !"delivery-status".equalsIgnoreCase(reportType(message))) {
            return List.of();
        }
        if (!(message.getContent() instanceof Multipart parts)) {
            return List.of();
        }
        InternetHeaders original = null;
        List<InternetHeaders> recipients = List.of();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
                try (InputStream in = part.getInputStream()) {
                    recipients = recipientBlocks(in);
                }
            } else if (original == null
                    && (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers"))) {
                try (InputStream in = part.getInputStream()) {
                    original = new InternetHeaders(in);
                }
            }
        }
        Optional<String> messageId = original == null
                ? Optional.empty()
                : Optional.ofNullable(original.getHeader("Message-ID", null)).flatMap(BounceReports::messageId);
        if (messageId.isEmpty()) {
            return List.of();
        }
        List<BounceReport> reports = new ArrayList<>();
        for (InternetHeaders fields : recipients) {
            report(fields, messageId.get()).ifPresent(reports::add);
        }
        return List.copyOf(reports);
    }

    private static String reportType(Part message) throws MessagingException {
        try {
            return new ContentType(message.getContentType()).getParameter("report-type");
        } catch (ParseException e) {
            return null;
        }
    }

    /** The per-recipient blocks: those after the first (per-message) block, up to the first empty one. */
    private static List<InternetHeaders> recipientBlocks(InputStream in) throws MessagingException {
        List<InternetHeaders> blocks = new ArrayList<>();
        new InternetHeaders(in); // Reporting-MTA, Arrival-Date, ...
        while (blocks.size() < MAX_RECIPIENTS) {
            InternetHeaders block = new InternetHeaders(in);
            if (!block.getAllHeaders().hasMoreElements()) {
                break;
            }
            blocks.add(block);
        }
        return blocks;
    }

    private static Optional<BounceReport> report(InternetHeaders fields, String messageId) {
        Optional<String> recipient = address(fields.getHeader("Final-Recipient", null))
                .or(() -> address(fields.getHeader("Original-Recipient", null)));
        String action = value(fields, "Action").toLowerCase(Locale.ROOT);
        String status = value(fields, "Status");
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        BounceReport.Type type;
        if (action.equals("failed")) {
            type = status.startsWith("4") ? BounceReport.Type.SOFT : BounceReport.Type.HARD;
        } else if (action.equals("delayed")) {
            type = BounceReport.Type.SOFT;
        } else {
            return Optional.empty();
        }
        String diagnostic = typed(value(fields, "Diagnostic-Code"));
        String reason = BounceReports.oneLine(diagnostic.isEmpty() ? status : diagnostic);
        return Optional.of(new BounceReport(recipient.get(), type, Optional.of(messageId), reason));
    }

    /** {@code rfc822; name@domain} as the normalised address, or empty for another type or no address. */
    private static Optional<String> address(String field) {
        if (field == null) {
            return Optional.empty();
        }
        int semicolon = field.indexOf(';');
        if (semicolon < 0 || !field.substring(0, semicolon).strip().equalsIgnoreCase("rfc822")) {
            return Optional.empty();
        }
        String address = field.substring(semicolon + 1).strip();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).strip();
        }
        try {
            MailAddress.of(address);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(address.toLowerCase(Locale.ROOT));
    }

    private static String value(InternetHeaders fields, String name) {
        String v = fields.getHeader(name, " ");
        return v == null ? "" : v.strip();
    }

    /** The text of a typed field ({@code smtp; 550 5.1.1 ...}) without its type. */
    private static String typed(String value) {
        int semicolon = value.indexOf(';');
        return semicolon < 0 ? value : value.substring(semicolon + 1).strip();
    }
}
