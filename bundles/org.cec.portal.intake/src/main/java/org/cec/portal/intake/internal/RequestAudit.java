package org.cec.portal.intake.internal;

import java.util.List;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.audit.AuditQuery;
import org.cec.portal.api.audit.RecordedEntry;
import org.cec.portal.api.staff.StaffMember;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What staff did with the requests' personal data, in the portal's {@link AuditLog} (module {@code
 * intake}): {@link #record} is called in the transaction that reads or changes the data, so the
 * entry is stored with it; {@link #about} reads a request's entries back for its console page. An
 * entry names the request by its reference, never its personal data.
 */
@Component(service = RequestAudit.class)
public final class RequestAudit {

    /** The module name of intake's entries. */
    static final String MODULE = "intake";

    private final AuditLog log;
    private final AuditQuery query;

    @Activate
    public RequestAudit(@Reference AuditLog log, @Reference AuditQuery query) {
        this.log = log;
        this.query = query;
    }

    /** Records that {@code who} did {@code action} (an {@link AuditEntry} action) to {@code record}. */
    void record(StaffMember who, String action, String record, String detail) {
        log.record(AuditEntry.by(who, MODULE, action, record).withDetail(detail));
    }

    /** The newest entries about the request {@code reference}, newest first. */
    public List<RecordedEntry> about(String reference, int max) {
        return query.about(MODULE, reference, max);
    }
}
