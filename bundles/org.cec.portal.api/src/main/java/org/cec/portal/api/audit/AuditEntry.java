package org.cec.portal.api.audit;

import java.util.Objects;
import org.cec.portal.api.staff.StaffMember;

/**
 * One thing a staff member did with personal data. An entry names the record (an id or reference a
 * staff member can look up), never the personal data itself.
 *
 * @param actor the staff account's name (or {@code system} for the portal's own jobs)
 * @param address the client address the action came from (empty for the portal's own jobs)
 * @param module the module whose data it was, such as {@code intake} or {@code directory}
 * @param action what was done: {@link #VIEW}, {@link #EXPORT}, {@link #CHANGE}, {@link #DELETE}, or
 *     a more precise word of the module's (at most 40 characters)
 * @param record which record: a reference, an id, or a description of a set such as {@code
 *     status=new} for an export (at most 200 characters)
 * @param detail what changed, without personal data, or empty (at most 500 characters)
 */
public record AuditEntry(String actor, String address, String module, String action, String record, String detail) {

    /** Personal data was shown. */
    public static final String VIEW = "view";

    /** Personal data left the portal as a file (CSV, JSON). */
    public static final String EXPORT = "export";

    /** Personal data was changed. */
    public static final String CHANGE = "change";

    /** Personal data was deleted. */
    public static final String DELETE = "delete";

    public AuditEntry {
        actor = limit(Objects.requireNonNull(actor, "actor"), 100);
        address = limit(address == null ? "" : address, 64);
        module = limit(Objects.requireNonNull(module, "module"), 40);
        action = limit(Objects.requireNonNull(action, "action"), 40);
        record = limit(record == null ? "" : record, 200);
        detail = limit(detail == null ? "" : detail, 500);
    }

    /** An entry of what {@code who} did, from the address of their request. */
    public static AuditEntry by(StaffMember who, String module, String action, String record) {
        return new AuditEntry(who.username(), who.address(), module, action, record, "");
    }

    /** The same entry with {@code newDetail}. */
    public AuditEntry withDetail(String newDetail) {
        return new AuditEntry(actor, address, module, action, record, newDetail);
    }

    private static String limit(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
