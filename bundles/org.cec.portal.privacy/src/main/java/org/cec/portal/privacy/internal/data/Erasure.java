package org.cec.portal.privacy.internal.data;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.directory.Disclosure;
import org.cec.portal.privacy.internal.data.PersonalData.Erased;
import org.cec.portal.privacy.internal.requests.RequestLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the erasure of a privacy request, whoever asked (the person through their link, staff in
 * the console): reads what the contractors received, erases through every provider, marks the request
 * erased when every area succeeded, asks the contractors to delete their copy, and writes the audit
 * entry, the last three in one transaction. A part that failed leaves the request open: the same
 * request erases again, and asks no contractor twice.
 */
@Component(service = Erasure.class)
public final class Erasure {

    private static final Logger LOG = LoggerFactory.getLogger(Erasure.class);

    /** What an erasure did. */
    public record Outcome(List<Erased> erased, boolean complete, int records, int contractorsAsked) {}

    private final ModuleDatabase db;
    private final PersonalData data;
    private final ContractorNotices notices;
    private final AuditLog audit;
    private final Clock clock;
    private final RequestLog log = new RequestLog();

    @Activate
    public Erasure(
            @Reference(target = "(cec.module=privacy)") ModuleDatabase db,
            @Reference PersonalData data,
            @Reference ContractorNotices notices,
            @Reference AuditLog audit) {
        this(db, data, notices, audit, Clock.systemUTC());
    }

    Erasure(ModuleDatabase db, PersonalData data, ContractorNotices notices, AuditLog audit, Clock clock) {
        this.db = db;
        this.data = data;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Erases everything held for the normalised address of request {@code requestId}; {@code entry} is the
     * audit entry of who asked ({@code delete}, the request), completed here with what was done.
     */
    public Outcome run(long requestId, String normalisedEmail, AuditEntry entry) {
        List<Disclosure> shared = notices.sharedWith(normalisedEmail);
        List<Erased> erased = data.erase(normalisedEmail);
        boolean complete = erased.stream().noneMatch(Erased::failed);
        int records = erased.stream().mapToInt(Erased::records).sum();
        Instant now = clock.instant();
        int asked = db.inTransaction(em -> {
            if (complete) {
                log.erased(em.unwrap(Connection.class), requestId, now, records);
            }
            int n = notices.ask(requestId, shared);
            audit.record(entry.withDetail(
                    "records=" + records + " contractors asked=" + n + (complete ? "" : " incomplete")));
            return n;
        });
        LOG.info(
                "Privacy request {}: {} record(s) erased{}, {} contractor(s) asked to delete",
                requestId,
                records,
                complete ? "" : " (some areas failed; the request stays open)",
                asked);
        return new Outcome(erased, complete, records, asked);
    }
}
