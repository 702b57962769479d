package org.cec.portal.admin.internal.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks the audit log's chain: walks the entries in seq order, a page at a time, and recomputes
 * each hash from the one before. Reports the first entry where the chain breaks: a gap in the seq, a
 * previous hash that is not the entry before's, or a hash that does not match the entry's fields;
 * and a head row that is not the last entry (entries removed from the end). A check may start after an
 * entry checked before ({@link From}): that entry is read again and must still be what it was.
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
    record Result(boolean intact, long checked, OptionalLong brokenAt, String reason, AuditStore.Head head) {
        static Result ok(long checked, AuditStore.Head head) {
            return new Result(true, checked, OptionalLong.empty(), "", head);
        }

        static Result broken(long checked, long seq, String reason, AuditStore.Head head) {
            return new Result(false, checked, OptionalLong.of(seq), reason, head);
        }
    }

    /**
     * Where a check starts: after entry {@code seq}, whose hash is {@code hash}.
     *
     * @param seq the last entry checked before, 0 for the start of the log
     * @param hash its hash, {@link AuditChain#GENESIS} at the start
     */
    record From(long seq, String hash) {
        static final From START = new From(0, AuditChain.GENESIS);

        static From of(AuditStore.Head head) {
            return head.seq() == 0 ? START : new From(head.seq(), head.hash());
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

    /** Verifies the whole chain page by page. */
    static Result verify(Pages pages) throws SQLException {
        return verify(pages, From.START);
    }

    /** Verifies the entry {@code from} names, unchanged, and every entry after it, page by page. */
    static Result verify(Pages pages, From from) throws SQLException {
        // The head is read first: entries appended while the check runs come after it and are not checked.
        AuditStore.Head head = pages.head();
        if (head.seq() < from.seq()) {
            return Result.broken(
                    0, head.seq() + 1, "entries " + (head.seq() + 1) + " to " + from.seq() + " are missing", head);
        }
        if (from.seq() > 0) {
            List<AuditStore.Stored> last = pages.after(from.seq() - 1, 1);
            if (last.isEmpty() || last.get(0).seq() != from.seq()) {
                return Result.broken(0, from.seq(), "entry " + from.seq() + " is missing", head);
            }
            AuditStore.Stored s = last.get(0);
            if (!s.hash().equals(from.hash())
                    || !AuditChain.hash(s.prevHash(), s.seq(), s.at(), s.entry())
                            .equals(from.hash())) {
                return Result.broken(0, from.seq(), "it changed since it was checked", head);
            }
        }
        long expectedSeq = from.seq() + 1;
        String prevHash = from.hash();
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
                    return Result.broken(checked, expectedSeq, "entry " + expectedSeq + " is missing", head);
                }
                if (!s.prevHash().equals(prevHash)) {
                    return Result.broken(
                            checked, s.seq(), "its previous hash is not the hash of the entry before", head);
                }
                String hash = AuditChain.hash(prevHash, s.seq(), s.at(), s.entry());
                if (!hash.equals(s.hash())) {
                    return Result.broken(checked, s.seq(), "its fields do not match its hash", head);
                }
                checked++;
                prevHash = hash;
                expectedSeq++;
            }
        }
        if (expectedSeq <= head.seq()) {
            return Result.broken(
                    checked, expectedSeq, "entries " + expectedSeq + " to " + head.seq() + " are missing", head);
        }
        if (!head.hash().equals(prevHash)) {
            return Result.broken(checked, head.seq(), "the last hash recorded is not the last entry's hash", head);
        }
        return Result.ok(checked, head);
    }
}
