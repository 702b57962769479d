package org.cec.portal.privacy.internal.data;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.privacy.internal.data.PersonalData.Area;
import org.cec.portal.privacy.internal.requests.RequestLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shows or downloads what every module holds for the address of a privacy request, whoever asked (the
 * person through their link, staff in the console): reads the areas, and records the step on the
 * request with its audit entry, in one transaction, before anything is shown.
 */
@Component(service = Access.class)
public final class Access {

    private final ModuleDatabase db;
    private final PersonalData data;
    private final AuditLog audit;
    private final Clock clock;
    private final RequestLog log = new RequestLog();

    @Activate
    public Access(
            @Reference(target = "(cec.module=privacy)") ModuleDatabase db,
            @Reference PersonalData data,
            @Reference AuditLog audit) {
        this(db, data, audit, Clock.systemUTC());
    }

    Access(ModuleDatabase db, PersonalData data, AuditLog audit, Clock clock) {
        this.db = db;
        this.data = data;
        this.audit = audit;
        this.clock = clock;
    }

    /** What is held, to be shown; {@code entry} ({@code view}) is completed with the counts per area. */
    public List<Area> view(long requestId, String normalisedEmail, AuditEntry entry) {
        List<Area> areas = data.export(normalisedEmail);
        Instant now = clock.instant();
        db.inTransaction(em -> {
            log.viewed(em.unwrap(Connection.class), requestId, now);
            audit.record(entry.withDetail(summary(areas)));
            return null;
        });
        return areas;
    }

    /** What is held, to be downloaded; {@code entry} ({@code export}) is completed with the counts. */
    public List<Area> export(long requestId, String normalisedEmail, AuditEntry entry) {
        List<Area> areas = data.export(normalisedEmail);
        Instant now = clock.instant();
        db.inTransaction(em -> {
            log.exported(em.unwrap(Connection.class), requestId, now);
            audit.record(entry.withDetail(summary(areas)));
            return null;
        });
        return areas;
    }

    /** What each area holds, in counts, for the audit log ({@code intake=2 consent=1 partner=failed}). */
    static String summary(List<Area> areas) {
        StringBuilder s = new StringBuilder();
        for (Area a : areas) {
            s.append(s.length() == 0 ? "" : " ")
                    .append(a.name())
                    .append('=')
                    .append(a.failed() ? "failed" : Integer.toString(a.records().size()));
        }
        return s.toString();
    }
}
