package org.cec.portal.api.audit;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads the audit log back, for a module's own console page that shows who looked at one of its
 * records (the console page "Audit" shows and exports the whole log). Reading is not audited: the
 * entries hold references and ids, no personal data. Call it outside a module's transaction (it reads
 * in a transaction of the audit log's own).
 *
 * @since 1.1
 */
@ProviderType
public interface AuditQuery {

    /**
     * The newest entries of {@code module} about {@code record} (exactly that record), newest first.
     *
     * @param max at most this many (1 to 1,000)
     */
    List<RecordedEntry> about(String module, String record, int max);
}
