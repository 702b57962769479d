package org.cec.portal.privacy.internal.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.Mailer;
import org.cec.portal.api.privacy.PersonalRecord;
import org.cec.portal.privacy.internal.data.PersonalData.Area;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an erasure, asks each contractor who had received the person's data to delete it too: one
 * relationship email per contractor ({@code privacy.contractor-erasure}), naming the request reference
 * and the day it was shared, never the person. The contractors come from the directory's disclosure
 * records ({@code directory.disclosure}, read before the erasure), their addresses from the {@link
 * ContractorDirectory}. Without the directory module nothing was ever shared, so nothing is sent.
 */
@Component(service = ContractorNotices.class)
public final class ContractorNotices {

    /** The message type, whose templates the module gives the email module. */
    public static final String TYPE = "privacy.contractor-erasure";

    static final String DISCLOSURE = "directory.disclosure";

    private static final Logger LOG = LoggerFactory.getLogger(ContractorNotices.class);

    private final Mailer mailer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ContractorDirectory directory;

    @Activate
    public ContractorNotices(@Reference Mailer mailer) {
        this.mailer = mailer;
    }

    /** For tests. */
    ContractorNotices(Mailer mailer, ContractorDirectory directory) {
        this.mailer = mailer;
        this.directory = directory;
    }

    /** A contractor and what it received: request references with the day each was shared. */
    record Recipient(String contractorId, Map<String, String> sharedOn) {}

    /** The contractors the records show as recipients, each once, with what they received. */
    static List<Recipient> recipients(List<Area> before) {
        Map<String, Map<String, String>> byContractor = new LinkedHashMap<>();
        for (Area area : before) {
            for (PersonalRecord r : area.records()) {
                String contractor = r.fields().get("contractor");
                if (!DISCLOSURE.equals(r.kind()) || contractor == null || contractor.isBlank()) {
                    continue;
                }
                String day = r.recordedAt().toString().substring(0, 10);
                byContractor
                        .computeIfAbsent(contractor, k -> new LinkedHashMap<>())
                        .putIfAbsent(r.fields().getOrDefault("request", ""), day);
            }
        }
        List<Recipient> out = new ArrayList<>();
        byContractor.forEach((id, shared) -> out.add(new Recipient(id, shared)));
        return out;
    }

    /**
     * Queues the deletion requests for privacy request {@code requestId}; returns how many were queued.
     * A repeated call for the same request queues none again (idempotency keys).
     */
    public int ask(long requestId, List<Area> before) {
        List<Recipient> recipients = recipients(before);
        ContractorDirectory contractors = directory;
        if (recipients.isEmpty()) {
            return 0;
        }
        if (contractors == null) {
            LOG.warn(
                    "Privacy request {}: {} contractor(s) had received the data, but the directory is not running;"
                            + " no deletion request was sent",
                    requestId,
                    recipients.size());
            return 0;
        }
        int queued = 0;
        for (Recipient r : recipients) {
            Optional<Contractor> found = contractors.find(r.contractorId());
            String email = found.map(Contractor::email).orElse("");
            if (email.isBlank()) {
                LOG.warn(
                        "Privacy request {}: contractor {} has no email address; no deletion request was sent",
                        requestId,
                        r.contractorId());
                continue;
            }
            List<Map<String, Object>> shared = new ArrayList<>();
            r.sharedOn().forEach((reference, day) -> shared.add(Map.of("reference", reference, "day", day)));
            mailer.queue(MailMessage.relationship(TYPE, MailAddress.of(email), "en")
                    .with("businessName", found.get().businessName())
                    .with("shared", shared)
                    .about(email.strip().toLowerCase(Locale.ROOT))
                    .key("privacy.erasure:" + requestId + ":" + r.contractorId())
                    .build());
            queued++;
        }
        return queued;
    }
}
