package org.cec.portal.admin.internal.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks the audit log's chain: walks the entries in seq order, a page at a time, and recomputes
 * each hash from the one before. Reports the first entry where the chain breaks: a gap in the seq, a
 * previous hash that is not the entry before's, or a hash that does not match the entry's fields;
 * and a head row that is not the last entry (entries removed from the end).
 */
final class AuditVerifier {

    /**
     * What the check found.
     *
     * @param intact whether the whole chain holds
     * @param checked how many entries were checked
     * @param brokenAt the first seq where it breaks (empty when intact)
     * @param reason why it breaks there (empty when intact); holds no entry's values
     */
    record Result(boolean intact, long checked, OptionalLong brokenAt, String reason) {
        static Result ok(long checked) {
            return new Result(true, checked, OptionalLong.empty(), "");
        }

        static Result broken(long checked, long seq, String reason) {
            return new Result(false, checked, OptionalLong.of(seq), reason);
        }
    }

    /** Reads one page of entries; each call may be a transaction of its own. */
    interface Pages {
        List<AuditStore.Stored> after(long seq, int limit) throws SQLException;

        AuditStore.Head head() throws SQLException;
    }

    static final int PAGE = 1_000;

    private AuditVerifier() {}

    /** Verifies the chain on one connection. */
    static Result verify(AuditStore store, Connection c) throws SQLException {
        return verify(new Pages() {
            @Override
            public List<AuditStore.Stored> after(long seq, int limit) throws SQLException {
                return store.after(c, seq, AuditStore.Filter.ALL, limit);
            }

            @Override
            public AuditStore.Head head() throws SQLException {
                return store.head(c);
            }
        });
    }

    /** Verifies the chain page by page. */
    static Result verify(Pages pages) throws SQLException {
        // The head is read first: entries appended while the check runs come after it and are not checked.
        AuditStore.Head head = pages.head();
        long expectedSeq = 1;
        String prevHash = AuditChain.GENESIS;
        long checked = 0;
        while (expectedSeq <= head.seq()) {
            List<AuditStore.Stored> page = pages.after(expectedSeq - 1, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (AuditStore.Stored s : page) {
                if (s.seq() > head.seq()) {
                    break;
                }
                if (s.seq() != expectedSeq) {
                    return Result.broken(checked, expectedSeq, "entry " + expectedSeq + " is missing");
                }
                if (!s.prevHash().equals(prevHash)) {
                    return Result.broken(checked, s.seq(), "its previous hash is not the hash of the entry before");
                }
                String hash = AuditChain.hash(prevHash, s.seq(), s.at(), s.entry());
                if (!hash.equals(s.hash())) {
                    return Result.broken(checked, s.seq(), "its fields do not match its hash");
                }
                checked++;
                prevHash = hash;
                expectedSeq++;
            }
        }
        if (expectedSeq <= head.seq()) {
            return Result.broken(checked, expectedSeq, "entries " + expectedSeq + " to " + head.seq() + " are missing");
        }
        if (!head.hash().equals(prevHash)) {
            return Result.broken(checked, head.seq(), "the last hash recorded is not the last entry's hash");
        }
        return Result.ok(checked);
    }
}
