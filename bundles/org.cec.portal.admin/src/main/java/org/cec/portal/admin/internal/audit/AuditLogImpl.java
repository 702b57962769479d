package org.cec.portal.admin.internal.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cec.portal.api.audit.AuditEntry;
import org.cec.portal.api.audit.AuditLog;
import org.cec.portal.api.audit.AuditQuery;
import org.cec.portal.api.audit.RecordedEntry;
import org.cec.portal.api.data.CurrentTransaction;
import org.cec.portal.api.data.ModuleDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link AuditLog}: appends entries to the hash chain of {@code audit_entry}, in the caller's
 * transaction when one writes on this thread (the entry is committed exactly with the caller's
 * change), otherwise in a transaction of the admin module's own. That transaction runs on a thread
 * of its own, because the caller may be inside another module's read, which a transaction of this
 * module cannot join. Also the {@link AuditQuery}, and the reads of the console page Audit.
 */
@Component(service = {AuditLog.class, AuditQuery.class, AuditLogImpl.class})
public final class AuditLogImpl implements AuditLog, AuditQuery {

    private final ModuleDatabase db;
    private final CurrentTransaction current;
    private final AuditStore store = new AuditStore();
    private final Clock clock;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cec-audit-writer");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public AuditLogImpl(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=admin)") ModuleDatabase db,
            @Reference CurrentTransaction current) {
        this(db, current, Clock.systemUTC());
    }

    AuditLogImpl(ModuleDatabase db, CurrentTransaction current, Clock clock) {
        this.db = db;
        this.current = current;
        this.clock = clock;
    }

    @Deactivate
    void deactivate() {
        writer.shutdown();
    }

    @Override
    public void record(AuditEntry entry) {
        store(entry);
    }

    /** Records {@code entry} and says where it went in the chain. */
    AuditStore.Stored store(AuditEntry entry) {
        java.util.Objects.requireNonNull(entry, "entry");
        Optional<Connection> callers = current.connection();
        if (callers.isPresent()) {
            return sql(() -> store.append(callers.get(), entry, clock.instant()));
        }
        Future<AuditStore.Stored> done = writer.submit(() ->
                db.inTransaction(em -> sql(() -> store.append(em.unwrap(Connection.class), entry, clock.instant()))));
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the audit entry was being stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("The audit entry could not be stored", e.getCause());
        }
    }

    @Override
    public List<RecordedEntry> about(String module, String record, int max) {
        if (max < 1 || max > 1_000) {
            throw new IllegalArgumentException("max must be 1 to 1000");
        }
        return read(c -> store.about(c, module, record, max)).stream()
                .map(AuditStore.Stored::recorded)
                .toList();
    }

    /** A page of the entries {@code f} selects, newest first. */
    List<AuditStore.Stored> list(AuditStore.Filter f, int offset, int limit) {
        return read(c -> store.list(c, f, offset, limit));
    }

    /** How many entries {@code f} selects. */
    long count(AuditStore.Filter f) {
        return read(c -> store.count(c, f));
    }

    /** Up to {@code limit} entries {@code f} selects after {@code seq}, in seq order. */
    List<AuditStore.Stored> after(long seq, AuditStore.Filter f, int limit) {
        return read(c -> store.after(c, seq, f, limit));
    }

    /** The modules and actions the log holds, for the filter. */
    List<String> distinct(String column) {
        return read(c -> store.distinct(c, column));
    }

    /** Checks the chain after {@code from}, a read transaction per page. */
    AuditVerifier.Result verify(AuditVerifier.From from) {
        return sql(() -> AuditVerifier.verify(
                new AuditVerifier.Pages() {
                    @Override
                    public List<AuditStore.Stored> after(long seq, int limit) {
                        return read(c -> store.after(c, seq, AuditStore.Filter.ALL, limit));
                    }

                    @Override
                    public AuditStore.Head head() {
                        return read(store::head);
                    }
                },
                from));
    }

    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    private <T> T read(SqlWork<T> work) {
        return db.read(em -> sql(() -> work.run(em.unwrap(Connection.class))));
    }

    private static <T> T sql(SqlCall<T> call) {
        try {
            return call.call();
        } catch (SQLException e) {
            throw new IllegalStateException("The audit log could not be read or written: " + e.getMessage(), e);
        }
    }
}
