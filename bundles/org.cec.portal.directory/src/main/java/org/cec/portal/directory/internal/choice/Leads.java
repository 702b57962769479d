package org.cec.portal.directory.internal.choice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The leads (disclosures to contractors) and their reported outcomes, for the console. */
public interface Leads {

    /** What a contractor may report of a lead; the value is the stored and API name. */
    enum Status {
        SHARED("shared"),
        CONTACTED("contacted"),
        VISIT_SCHEDULED("visit-scheduled"),
        PROPOSAL_SENT("proposal-sent"),
        JOB_DONE("job-done"),
        DECLINED("declined"),
        UNREACHABLE("could-not-reach");

        private final String value;

        Status(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Optional<Status> of(String value) {
            for (Status s : values()) {
                if (s.value.equals(value)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One disclosure and its latest outcome. {@code requestReference} is null once the homeowner's data
     * was erased (the lead then counts only anonymously).
     */
    record Lead(
            long disclosureId,
            String contractorId,
            String requestReference,
            Set<String> fields,
            String policyVersion,
            Instant sharedAt,
            Status status,
            LocalDate statusDate,
            String servicesPerformed,
            Instant updatedAt) {}

    /** One row of the funnel: leads of one month (yyyy-MM of sharing) and service, per stage reached. */
    record FunnelRow(String month, String service, int shared, int contacted, int visited, int proposal, int jobDone) {}

    /** The leads of a contractor, newest first. */
    List<Lead> ofContractor(String contractorId);

    /** The funnel over all leads, by month (newest first) and service. */
    List<FunnelRow> funnel();
}
