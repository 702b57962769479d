package org.cec.portal.privacy.internal.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.directory.ContractorDirectory;
import org.cec.portal.api.directory.ContractorDisclosures;
import org.cec.portal.api.directory.Disclosure;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.email.Mailer;
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
 * and the day it was shared, never the person. The contractors come from the directory's {@link
 * ContractorDisclosures} (read before the erasure), their addresses from the {@link
 * ContractorDirectory}. Without the directory module nothing was ever shared, so nothing is sent.
 */
@Component(service = ContractorNotices.class)
public final class ContractorNotices {

    /** The message type, whose templates the module gives the email module. */
    public static final String TYPE = "privacy.contractor-erasure";

    private static final Logger LOG = LoggerFactory.getLogger(ContractorNotices.class);

    private final Mailer mailer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ContractorDirectory directory;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ContractorDisclosures disclosures;

    @Activate
    public ContractorNotices(@Reference Mailer mailer) {
        this.mailer = mailer;
    }

    /** For tests. */
    ContractorNotices(Mailer mailer, ContractorDirectory directory, ContractorDisclosures disclosures) {
        this.mailer = mailer;
        this.directory = directory;
        this.disclosures = disclosures;
    }

    /** The contractors who received the person's requests; to be read before the erasure. */
    public List<Disclosure> sharedWith(String normalisedEmail) {
        ContractorDisclosures d = disclosures;
        return d == null ? List.of() : d.of(normalisedEmail);
    }

    /** A contractor and what it received: request references with the day each was shared. */
    record Recipient(String contractorId, Map<String, String> sharedOn) {}

    /** The contractors of the disclosures, each once, with what they received. */
    static List<Recipient> recipients(List<Disclosure> disclosed) {
        Map<String, Map<String, String>> byContractor = new LinkedHashMap<>();
        for (Disclosure d : disclosed) {
            String day = d.sharedAt().toString().substring(0, 10);
            byContractor
                    .computeIfAbsent(d.contractorId(), k -> new LinkedHashMap<>())
                    .putIfAbsent(d.requestReference(), day);
        }
        List<Recipient> out = new ArrayList<>();
        byContractor.forEach((id, shared) -> out.add(new Recipient(id, shared)));
        return out;
    }

    /**
     * Queues the deletion requests for privacy request {@code requestId}; returns how many were queued.
     * A repeated call for the same request queues none again (idempotency keys).
     */
    public int ask(long requestId, List<Disclosure> disclosed) {
        List<Recipient> recipients = recipients(disclosed);
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
