/**
 * The audit log of personal data: every module records each view, export, change and deletion of
 * personal data by staff (who, when, what action, which record, from which address) through {@link
 * org.cec.portal.api.audit.AuditLog}, in the transaction of the change. Entries cannot be changed or
 * deleted through the portal, and each carries a hash of the one before it, so that tampering with
 * the stored log is detectable. {@link org.cec.portal.api.audit.AuditQuery} reads a record's entries back.
 */
@Version("1.1.0")
package org.cec.portal.api.audit;

import org.osgi.annotation.versioning.Version;
