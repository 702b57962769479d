package org.cec.portal.email.internal.outbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cec.portal.api.data.CurrentTransaction;
import org.cec.portal.api.data.ModuleDatabase;
import org.cec.portal.api.data.TransactionFailedException;
import org.cec.portal.api.data.TransactionWork;
import org.cec.portal.api.email.MailAddress;
import org.cec.portal.api.email.MailMessage;
import org.cec.portal.api.events.PortalEvents;
import org.cec.portal.email.internal.EmailSettings;
import org.cec.portal.email.internal.MessageRenderer;
import org.cec.portal.email.internal.smtp.SmtpSettings;
import org.cec.portal.email.internal.smtp.SmtpTransport;
import org.cec.portal.platform.internal.ModuleMigrations;
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * The email benchmark's harness (bench/email.sh), not a test: fills the outbox on a file H2 database
 * with the portal's URL options (durable commits) through the {@link OutboxMailer}, then lets the real
 * {@link Sender} (production defaults: 4 threads, batches of 50) send it through the real {@link
 * SmtpTransport} to an SMTP server in another process, until every message's state is {@code sent} in
 * the database. Prints queued/s, sent/s and the heap used after GC, sampled while sending.
 *
 * <p>Args: message count, SMTP port, database folder. Events go into a table of the same database in
 * the same transaction (one row per event, as the event log's append), so their cost is counted.
 */
public final class OutboxBench {

    private OutboxBench() {}

    /** A ModuleDatabase over the pool, binding the transaction to the thread for {@link #append}. */
    static final class BenchDatabase implements ModuleDatabase, PortalEvents {
        final EntityManagerFactory emf;
        final ThreadLocal<EntityManager> current = new ThreadLocal<>();

        BenchDatabase(EntityManagerFactory emf) {
            this.emf = emf;
        }

        @Override
        public String module() {
            return "email";
        }

        @Override
        public <T> T inTransaction(TransactionWork<T> work) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            current.set(em);
            try {
                tx.begin();
                T result = work.run(em);
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw e;
            } catch (Exception e) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw new TransactionFailedException(e);
            } finally {
                current.remove();
                em.close();
            }
        }

        @Override
        public <T> T inGroupCommit(TransactionWork<T> work) {
            return inTransaction(work);
        }

        @Override
        public <T> T read(TransactionWork<T> work) {
            return inTransaction(work);
        }

        @Override
        public long append(String type, String payload) {
            try (PreparedStatement insert = current.get()
                    .unwrap(Connection.class)
                    .prepareStatement("INSERT INTO bench_event (type, payload) VALUES (?, ?)")) {
                insert.setString(1, type);
                insert.setString(2, payload);
                return insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final CurrentTransaction NO_CALLER = new CurrentTransaction() {
        @Override
        public Optional<Connection> connection() {
            return Optional.empty();
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    };

    /** About the size of a real confirmation: a 1.2 KB text part and a 3 KB HTML part. */
    static final MessageRenderer RENDERER = (message, extra) -> {
        String line =
                "Your request " + message.model().get("n") + " is in. Choose the contractors who may contact you. ";
        return new MessageRenderer.Rendered(
                "Your request " + message.model().get("n") + " is in",
                line.repeat(15),
                Optional.of("<html><body><p>" + line.repeat(30) + "</p></body></html>"));
    };

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int smtpPort = Integer.parseInt(args[1]);
        Path dir = Path.of(args[2]);
        Files.createDirectories(dir);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:h2:file:" + dir.resolve("portal")
                + ";MODE=LEGACY;WRITE_DELAY=0;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE");
        hc.setUsername("sa");
        hc.setMaximumPoolSize(16);
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            ModuleMigrations.migrate(ds, "email", Path.of(System.getProperty("bench.migrations")));
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS bench_event (id BIGINT GENERATED BY DEFAULT AS IDENTITY"
                        + " PRIMARY KEY, type VARCHAR(200), payload VARCHAR(2000))");
            }
            EntityManagerFactory emf = new PersistenceProvider()
                    .createEntityManagerFactory(
                            "email",
                            Map.of(
                                    "jakarta.persistence.nonJtaDataSource", ds,
                                    "eclipselink.weaving", "false",
                                    "eclipselink.logging.level", "WARNING"));
            BenchDatabase db = new BenchDatabase(emf);
            EmailSettings settings = EmailSettings.defaults("");
            OutboxSignal signal = new OutboxSignal();
            OutboxStore store = new OutboxStore();
            OutboxMailer mailer = new OutboxMailer(db, NO_CALLER, RENDERER, settings, signal, store, Clock.systemUTC());

            long t0 = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            ExecutorService queueing = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                queueing.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        mailer.queue(MailMessage.relationship(
                                        "intake.confirmation",
                                        new MailAddress("person" + (i % 100) + "@bench.test", "Person " + i),
                                        "en")
                                .with("n", i)
                                .key("bench:" + i)
                                .build());
                    }
                    return null;
                });
            }
            queueing.shutdown();
            queueing.awaitTermination(1, TimeUnit.HOURS);
            double queueSeconds = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long heapQueued = usedHeap();
            System.out.printf(
                    "queued %d in %.1f s: %.0f/s; heap after GC %d MB%n",
                    count, queueSeconds, count / queueSeconds, heapQueued >> 20);

            SmtpTransport transport = new SmtpTransport(smtp(smtpPort, settings.senderThreads()));
            Sender sender = new Sender(db, store, db, settings, signal, () -> transport, Clock.systemUTC());
            long eventsBefore = db.read(em -> maxEventId(em.unwrap(Connection.class)));
            long t1 = System.nanoTime();
            sender.start();
            long peak = 0;
            long sent;
            long lastGc = System.nanoTime();
            while (true) {
                Thread.sleep(200);
                // The events of a batch are committed in the transaction that marks its messages sent: the
                // newest event's id counts the messages whose state 'sent' is committed, in one index
                // lookup. (Counting the outbox by status reads every row, bodies and all: 0.2 s for 20,000
                // rows, so polling it took a core of this machine from the sender being measured.)
                sent = db.read(em -> maxEventId(em.unwrap(Connection.class))) - eventsBefore;
                if (System.nanoTime() - lastGc > 2_000_000_000L) {
                    System.gc();
                    peak = Math.max(peak, usedHeap());
                    lastGc = System.nanoTime();
                }
                if (sent >= count) {
                    break;
                }
            }
            double sendSeconds = (System.nanoTime() - t1) / 1e9;
            sender.stop();
            long sentRows = db.read(em -> store.counts(em.unwrap(Connection.class), System.currentTimeMillis(), 0)
                    .sent());
            if (sentRows != count) {
                throw new IllegalStateException(sentRows + " rows are 'sent' after " + sent + " email.sent events");
            }
            System.out.printf(
                    "sent %d in %.1f s: %.0f messages/s (state 'sent' committed); heap after GC while sending, peak %d MB%n",
                    sent, sendSeconds, sent / sendSeconds, peak >> 20);
            emf.close();
        }
        // Four scheduled pools that a library starts with default thread names outlive the closed data
        // source and entity manager factory; without this the harness never ends and bench/email.sh never
        // reaches its second outbox size.
        System.exit(0);
    }

    private static long maxEventId(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM bench_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static SmtpSettings smtp(int port, int connections) {
        return new SmtpSettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SmtpSettings.class;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public boolean starttls() {
                return false;
            }

            @Override
            public boolean ssl() {
                return false;
            }

            @Override
            public String username() {
                return "";
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public String from() {
                return "CEC Portal <no-reply@bench.test>";
            }

            @Override
            public int timeout_seconds() {
                return 30;
            }

            @Override
            public int connections() {
                return connections;
            }
        };
    }
}
