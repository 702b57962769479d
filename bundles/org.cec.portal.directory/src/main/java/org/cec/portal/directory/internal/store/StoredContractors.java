package org.cec.portal.directory.internal.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.directory.Contractor;
import org.cec.portal.api.events.PortalEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored contractors ({@code directory_contractor}), with plain JDBC on the directory unit's
 * connection. Every change increments the change marker and appends one {@code
 * directory.contractor-changed} per contractor in the same transaction; after the commit the listeners
 * (the search index) are told at once.
 */
@Component(service = {ContractorRegistry.class, ContractorChanges.class})
public final class StoredContractors implements ContractorRegistry, ContractorChanges {

    /** The event of every change of a stored contractor. */
    public static final String CHANGED = "directory.contractor-changed";

    private static final Logger LOG = LoggerFactory.getLogger(StoredContractors.class);
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final ModuleDatabase db;
    private final PortalEvents events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public StoredContractors(
            @Reference(target = "(" + ModuleDatabase.MODULE_PROPERTY + "=directory)") ModuleDatabase db,
            @Reference PortalEvents events) {
        this(db, events, Clock.systemUTC());
    }

    StoredContractors(ModuleDatabase db, PortalEvents events, Clock clock) {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<Contractor> all() {
        return db.read(em -> ContractorSql.all(em.unwrap(Connection.class)));
    }

    @Override
    public Optional<Contractor> find(String id) {
        if (!ContractorRules.validId(id)) {
            return Optional.empty();
        }
        return db.read(em -> ContractorSql.find(em.unwrap(Connection.class), id));
    }

    @Override
    public Contractor save(Contractor contractor) {
        check(contractor, "The contractor");
        db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            long revision = ContractorSql.nextRevision(c);
            OffsetDateTime now = OffsetDateTime.now(clock);
            try (PreparedStatement update = ContractorSql.prepareUpdate(c);
                    PreparedStatement insert = ContractorSql.prepareInsert(c)) {
                upsert(update, insert, contractor, revision, now);
            }
            events.append(CHANGED, ContractorJson.changed(contractor.id(), contractor.source(), contractor.active()));
            return null;
        });
        changed();
        return contractor;
    }

    @Override
    public boolean setActive(String id, boolean active) {
        if (!ContractorRules.validId(id)) {
            return false;
        }
        boolean found = db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            Optional<Contractor> existing = ContractorSql.find(c, id);
            if (existing.isEmpty()) {
                return false;
            }
            long revision = ContractorSql.nextRevision(c);
            ContractorSql.setActive(c, id, active, revision, OffsetDateTime.now(clock));
            events.append(CHANGED, ContractorJson.changed(id, existing.get().source(), active));
            return true;
        });
        if (found) {
            changed();
        }
        return found;
    }

    @Override
    public int importAll(List<Contractor> contractors, IntConsumer progress) {
        Objects.requireNonNull(progress, "progress");
        for (int i = 0; i < contractors.size(); i++) {
            check(contractors.get(i), "Contractor " + (i + 1));
        }
        if (contractors.isEmpty()) {
            return 0;
        }
        int stored = db.inTransaction(em -> {
            Connection c = em.unwrap(Connection.class);
            long revision = ContractorSql.nextRevision(c);
            OffsetDateTime now = OffsetDateTime.now(clock);
            int n = 0;
            try (PreparedStatement update = ContractorSql.prepareUpdate(c);
                    PreparedStatement insert = ContractorSql.prepareInsert(c)) {
                for (Contractor x : contractors) {
                    upsert(update, insert, x, revision, now);
                    events.append(CHANGED, ContractorJson.changed(x.id(), x.source(), x.active()));
                    progress.accept(++n);
                }
            }
            return n;
        });
        changed();
        return stored;
    }

    @Override
    public String newId() {
        char[] id = new char[14];
        id[0] = 'c';
        id[1] = '-';
        for (int i = 2; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    @Override
    public long revision() {
        return db.read(em -> ContractorSql.revision(em.unwrap(Connection.class)));
    }

    @Override
    public Changes since(long revision) {
        return db.read(em -> {
            Connection c = em.unwrap(Connection.class);
            // The marker first: every change up to it is committed (its increment held the row lock
            // until then), so the rows read after it hold at least those changes.
            long now = ContractorSql.revision(c);
            return new Changes(now == revision ? List.of() : ContractorSql.since(c, revision), now);
        });
    }

    @Override
    public boolean isEmpty() {
        return db.read(em -> ContractorSql.isEmpty(em.unwrap(Connection.class)));
    }

    /** The ids of the active stored contractors of {@code source}. */
    List<String> activeIds(String source) {
        return db.read(em -> ContractorSql.activeIds(em.unwrap(Connection.class), source));
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private static void upsert(
            PreparedStatement update, PreparedStatement insert, Contractor x, long revision, OffsetDateTime now)
            throws java.sql.SQLException {
        if (ContractorSql.write(update, x, revision, now) == 0) {
            ContractorSql.write(insert, x, revision, now);
        }
    }

    private static void check(Contractor c, String what) {
        if (!Contractor.BUILT_IN.equals(c.source()) && !Contractor.DEMO.equals(c.source())) {
            throw new IllegalArgumentException(what + ": only built-in and demo contractors are stored");
        }
        List<String> problems = ContractorRules.problems(c, c.id());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(what + ": " + String.join("; ", problems));
        }
    }

    private void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("A listener of stored contractor changes failed", e);
            }
        }
    }
}
