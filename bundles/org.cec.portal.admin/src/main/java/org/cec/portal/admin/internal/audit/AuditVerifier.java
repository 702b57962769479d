package org.cec.portal.admin.internal.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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
     * @param reason why it breaks there, the message key of the bundle's text ({@code
     *     console.audit.broken.*}, empty when intact); with its {@code reasonArgs} it holds no entry's
     *     values, only seqs
     * @param reasonArgs the text's arguments (seqs, as digits)
     */
    record Result(
            boolean intact,
            long checked,
            OptionalLong brokenAt,
            String reason,
            List<String> reasonArgs,
            AuditStore.Head head) {
        static final String MISSING = "console.audit.broken.missing";
        static final String MISSING_RANGE = "console.audit.broken.missingRange";
        static final String CHANGED = "console.audit.broken.changed";
        static final String PREVIOUS_HASH = "console.audit.broken.previousHash";
        static final String FIELDS = "console.audit.broken.fields";
        static final String HEAD = "console.audit.broken.head";

        Result {
            reasonArgs = List.copyOf(reasonArgs);
        }

        static Result ok(long checked, AuditStore.Head head) {
            return new Result(true, checked, OptionalLong.empty(), "", List.of(), head);
        }

        static Result broken(long checked, long seq, AuditStore.Head head, String reason, long... seqs) {
            List<String> args = new ArrayList<>();
            for (long n : seqs) {
                args.add(Long.toString(n));
            }
            return new Result(false, checked, OptionalLong.of(seq), reason, args, head);
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
            return Result.broken(0, head.seq() + 1, head, Result.MISSING_RANGE, head.seq() + 1, from.seq());
        }
        if (from.seq() > 0) {
            List<AuditStore.Stored> last = pages.after(from.seq() - 1, 1);
            if (last.isEmpty() || last.get(0).seq() != from.seq()) {
                return Result.broken(0, from.seq(), head, Result.MISSING, from.seq());
            }
            AuditStore.Stored s = last.get(0);
            if (!s.hash().equals(from.hash())
                    || !AuditChain.hash(s.prevHash(), s.seq(), s.at(), s.entry())
                            .equals(from.hash())) {
                return Result.broken(0, from.seq(), head, Result.CHANGED);
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
                    return Result.broken(checked, expectedSeq, head, Result.MISSING, expectedSeq);
                }
                if (!s.prevHash().equals(prevHash)) {
                    return Result.broken(checked, s.seq(), head, Result.PREVIOUS_HASH);
                }
                String hash = AuditChain.hash(prevHash, s.seq(), s.at(), s.entry());
                if (!hash.equals(s.hash())) {
                    return Result.broken(checked, s.seq(), head, Result.FIELDS);
                }
                checked++;
                prevHash = hash;
                expectedSeq++;
            }
        }
        if (expectedSeq <= head.seq()) {
            return Result.broken(checked, expectedSeq, head, Result.MISSING_RANGE, expectedSeq, head.seq());
        }
        if (!head.hash().equals(prevHash)) {
            return Result.broken(checked, head.seq(), head, Result.HEAD);
        }
        return Result.ok(checked, head);
    }
}
