package org.cec.portal.admin.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.testing.MovableClock;
import org.junit.jupiter.api.Test;

class AuditChainCheckTest {

    /** An audit table in memory: entries chained as the store chains them, and a head row. */
    static final class Table implements AuditVerifier.Pages {
        final List<AuditStore.Stored> rows = new ArrayList<>();
        AuditStore.Head head = new AuditStore.Head(0, AuditChain.GENESIS);
        int read;

        void append(String detail) {
            long seq = rows.size() + 1;
            Instant at = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(seq);
            AuditEntry e = new AuditEntry("ana", "10.0.0.1", "intake", "view", "request R-" + seq, detail);
            String hash = AuditChain.hash(head.hash(), seq, at, e);
            rows.add(new AuditStore.Stored(seq, at, e, head.hash(), hash));
            head = new AuditStore.Head(seq, hash);
        }

        void rewrite(long seq, String detail) {
            AuditStore.Stored s = rows.get((int) seq - 1);
            AuditEntry e = s.entry();
            rows.set(
                    (int) seq - 1,
                    new AuditStore.Stored(
                            seq,
                            s.at(),
                            new AuditEntry(e.actor(), e.address(), e.module(), e.action(), e.record(), detail),
                            s.prevHash(),
                            s.hash()));
        }

        @Override
        public List<AuditStore.Stored> after(long seq, int limit) {
            List<AuditStore.Stored> page =
                    rows.stream().filter(r -> r.seq() > seq).limit(limit).toList();
            read += page.size();
            return page;
        }

        @Override
        public AuditStore.Head head() {
            return head;
        }

        AuditVerifier.Result verify(AuditVerifier.From from) {
            try {
                return AuditVerifier.verify(this, from);
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Table table = new Table();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final AuditChainCheck check = new AuditChainCheck(table::verify, clock);

    @Test
    void aVisitChecksOnlyWhatWasAppendedSinceTheLastCheckThenInFullEveryHour() {
        for (int i = 0; i < 50; i++) {
            table.append("x");
        }
        AuditChainCheck.Report first = check.check(false);
        assertTrue(first.result().intact() && first.full());
        assertEquals(50, first.entries());

        table.append("y");
        table.append("z");
        table.read = 0;
        AuditChainCheck.Report second = check.check(false);
        assertTrue(second.result().intact());
        assertFalse(second.full());
        assertEquals(2, second.result().checked(), "only the new ones");
        assertEquals(52, second.entries());
        assertEquals(3, table.read, "the last entry checked, read again, and the two new ones");

        clock.advance(AuditChainCheck.FULL_EVERY.plusSeconds(1));
        assertTrue(check.check(false).full(), "in full once an hour has passed");
        assertTrue(check.check(true).full(), "and whenever asked");
    }

    @Test
    void anOldEntryRewrittenIsFoundByTheNextCheckInFullAndTheChainStaysBroken() {
        for (int i = 0; i < 5; i++) {
            table.append("x");
        }
        assertTrue(check.check(false).result().intact());
        table.rewrite(2, "rewritten");
        assertTrue(check.check(false).result().intact(), "a visit between full checks reads only the end");
        AuditChainCheck.Report full = check.check(true);
        assertFalse(full.result().intact());
        assertEquals(2, full.result().brokenAt().getAsLong());
        assertFalse(check.check(false).result().intact(), "it stays broken: every check after is in full");
    }

    @Test
    void theLastEntryCheckedRewrittenOrEntriesRemovedFromTheEndAreFoundAtTheNextVisit() {
        for (int i = 0; i < 5; i++) {
            table.append("x");
        }
        assertTrue(check.check(false).result().intact());
        table.rewrite(5, "rewritten");
        AuditChainCheck.Report changed = check.check(false);
        assertFalse(changed.result().intact());
        assertEquals(AuditVerifier.Result.CHANGED, changed.result().reason());
        assertEquals(List.of(), changed.result().reasonArgs());

        Table shorter = new Table();
        for (int i = 0; i < 5; i++) {
            shorter.append("x");
        }
        AuditChainCheck cut = new AuditChainCheck(shorter::verify, clock);
        assertTrue(cut.check(false).result().intact());
        shorter.rows.remove(4);
        shorter.head = new AuditStore.Head(4, shorter.rows.get(3).hash());
        AuditChainCheck.Report moved = cut.check(false);
        assertFalse(moved.result().intact(), "the head moved back");
        assertEquals(AuditVerifier.Result.MISSING_RANGE, moved.result().reason());
        assertEquals(List.of("5", "5"), moved.result().reasonArgs());
    }
}
