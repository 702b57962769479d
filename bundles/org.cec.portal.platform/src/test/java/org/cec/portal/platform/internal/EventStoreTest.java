package org.cec.portal.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cec.portal.api.events.PortalEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The event log's SQL on H2 and PostgreSQL. */
class EventStoreTest {

    /**
     * Many transactions append at once and commit after a random pause, while a reader keeps
     * reading {@code id > position} and moving its position on. With ids from a sequence the reader
     * would skip events that commit after a higher id; with the counter row it sees every one.
     */
    @ParameterizedTest
    @MethodSource("org.cec.portal.platform.internal.TestDatabase#kinds")
    void readerFollowingPositionsNeverSkipsAnEventUnderConcurrentAppends(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            db.migratePlatform();
            EventStore store = new EventStore(db.dialect);
            int writers = 6;
            int txPerWriter = 40;
            ConcurrentLinkedQueue<Long> appended = new ConcurrentLinkedQueue<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Long> seen = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
            try {
                Future<?> reader = pool.submit(() -> {
                    long position = 0;
                    try (Connection c = db.dataSource.getConnection()) {
                        while (true) {
                            boolean last = !writing.get();
                            List<PortalEvent> batch = store.read(c, position, Long.MAX_VALUE, Set.of(), 1000);
                            for (PortalEvent e : batch) {
                                seen.add(e.id());
                                position = e.id();
                            }
                            if (last && batch.isEmpty()) {
                                return null;
                            }
                        }
                    }
                });
                List<Future<?>> writes = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    writes.add(pool.submit(() -> {
                        try (Connection c = db.dataSource.getConnection()) {
                            c.setAutoCommit(false);
                            for (int t = 0; t < txPerWriter; t++) {
                                int events = 1 + ThreadLocalRandom.current().nextInt(3);
                                List<Long> ids = new ArrayList<>();
                                for (int i = 0; i < events; i++) {
                                    ids.add(store.append(c, "test.appended", "{\"n\":" + i + "}"));
                                }
                                Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                                c.commit();
                                appended.addAll(ids);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : writes) {
                    f.get(120, TimeUnit.SECONDS);
                }
                writing.set(false);
                reader.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            List<Long> expected = appended.stream().sorted().toList();
            assertEquals(expected.size(), seen.size(), "the reader saw every committed event, once");
            assertEquals(expected, seen, "in id order, without gaps the reader passed");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(i + 1, expected.get(i), "ids have no holes");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.cec.portal.platform.internal.TestDatabase#kinds")
    void rolledBackAppendLeavesNoEventAndNoHole(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            db.migratePlatform();
            EventStore store = new EventStore(db.dialect);
            try (Connection c = db.dataSource.getConnection()) {
                c.setAutoCommit(false);
                store.append(c, "test.lost", "{}");
                c.rollback();
                long id = store.append(c, "test.kept", "{\"a\":\"é ü\"}");
                c.commit();
                assertEquals(1, id);
                List<PortalEvent> events = store.read(c, 0, Long.MAX_VALUE, Set.of(), 10);
                assertEquals(1, events.size());
                assertEquals("test.kept", events.get(0).type());
                assertEquals("{\"a\":\"é ü\"}", events.get(0).payload());
                assertTrue(events.get(0)
                        .appendedAt()
                        .isAfter(java.time.Instant.now().minusSeconds(60)));
                assertEquals(List.of(), store.read(c, 0, Long.MAX_VALUE, Set.of("other.type"), 10));
                assertEquals(1, store.lastId(c));
            }
        }
    }
}
