package org.cec.portal.api.audit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The portal's audit log of personal data. Modules (and partners' bundles) record each view, export,
 * change and deletion of personal data that staff make.
 *
 * <pre>{@code
 * StaffMember who = StaffMember.of(request).orElseThrow();
 * db.inTransaction(em -> {
 *     RequestEntity r = em.find(RequestEntity.class, id);
 *     r.changeStatus(status);
 *     audit.record(AuditEntry.by(who, "intake", AuditEntry.CHANGE, r.reference()).withDetail("status=" + status));
 *     return null;
 * });
 * }</pre>
 */
@ProviderType
public interface AuditLog {

    /**
     * Records {@code entry}, with the time of the call, in the read-write transaction running on this
     * thread ({@link org.cec.portal.api.data.ModuleDatabase#inTransaction}): it is stored exactly when
     * the caller's change is committed. Outside a transaction (inside a read, say) it is stored at
     * once in a transaction of its own. Recording a view inside {@code ModuleDatabase#read} is
     * therefore fine: the entry is committed even though the read is rolled back.
     *
     * @throws RuntimeException when the entry cannot be stored; the caller's transaction then fails
     *     too, so that no personal data is shown or changed without its entry
     */
    void record(AuditEntry entry);
}
