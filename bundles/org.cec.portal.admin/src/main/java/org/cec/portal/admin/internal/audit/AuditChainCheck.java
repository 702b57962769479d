package org.cec.portal.admin.internal.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The chain check the Audit page shows, without walking the whole log on every visit: the log is
 * checked in full at the first visit, at least every {@link #FULL_EVERY} after that, and whenever an
 * admin asks; in between, a visit checks the entries appended since (and that the last entry checked
 * is unchanged). A broken chain stays broken: every check after one that failed is in full.
 */
@Component(service = AuditChainCheck.class)
public final class AuditChainCheck {

    static final Duration FULL_EVERY = Duration.ofHours(1);

    /**
     * What a check found.
     *
     * @param result the check itself
     * @param entries how many entries are known intact (every entry when it holds)
     * @param fullAt when the last check in full that held ran (null before the first)
     * @param full whether this check was in full
     */
    record Report(AuditVerifier.Result result, long entries, Instant fullAt, boolean full) {}

    /** Checks the chain after an entry: the audit log's {@link AuditLogImpl#verify}. */
    interface Verifier {
        AuditVerifier.Result verify(AuditVerifier.From from);
    }

    private final Verifier audit;
    private final Clock clock;

    private AuditVerifier.From checkpoint; // guarded by this; null: check in full
    private long entries; // guarded by this
    private Instant fullAt; // guarded by this

    @Activate
    public AuditChainCheck(@Reference AuditLogImpl audit) {
        this(audit::verify, Clock.systemUTC());
    }

    AuditChainCheck(Verifier audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** Checks the chain; in full when {@code fullNow}, when due, or when no check held before. */
    synchronized Report check(boolean fullNow) {
        Instant now = clock.instant();
        boolean full = fullNow || checkpoint == null || fullAt == null || !now.isBefore(fullAt.plus(FULL_EVERY));
        AuditVerifier.Result r = audit.verify(full ? AuditVerifier.From.START : checkpoint);
        if (!r.intact()) {
            checkpoint = null;
            return new Report(r, (full ? 0 : entries) + r.checked(), fullAt, full);
        }
        entries = full ? r.checked() : entries + r.checked();
        if (full) {
            fullAt = now;
        }
        checkpoint = AuditVerifier.From.of(r.head());
        return new Report(r, entries, fullAt, full);
    }
}
