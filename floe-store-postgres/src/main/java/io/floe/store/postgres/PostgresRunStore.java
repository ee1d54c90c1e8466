package io.floe.store.postgres;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.FencedException;
import io.floe.engine.spi.SharedRunStore;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.spi.StoreException;
import io.floe.engine.spi.StoreSettings;
import io.floe.engine.spi.TaskLogs;
import io.floe.engine.store.jdbc.BatchChanges;
import io.floe.engine.store.jdbc.FlowDefinitions;
import io.floe.engine.store.jdbc.RunRows;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code postgres} run store: one PostgreSQL database shared by every host of a cluster, which is also the
 * cluster's coordination point (see {@link SharedRunStore}). One instance belongs to the host
 * {@link StoreSettings#hostId()}.
 * <p>
 * Tables (created and migrated by {@link Schema}): {@code hosts} (tags, liveness lease, fencing epoch),
 * {@code host_counters}, {@code flows}, {@code runs} (with {@code lost_host} set while a run is an orphan),
 * {@code nodes}, {@code state}, {@code resource_leases} (tag → run), {@code roles} and {@code task_logs}. Every write
 * of this host runs in a transaction that first checks, and key-share-locks, this host's row ({@link HostLeases}), so
 * a host that lost its lease writes nothing; task-log lines too ({@link PostgresTaskLogs}).
 * <p>
 * Threads: a pool of at most eight connections ({@code floe-pg-<host>}), one connection for the heartbeat
 * ({@code floe-pg-heartbeat-<host>}: {@link #renew}, {@link #reapLostHosts}, {@link #lead}), a log drain
 * ({@code floe-pg-log-drain-<host>}) and one thread per {@link #listen} subscription ({@code floe-pg-listen-<host>}),
 * all daemons. {@link #close} ends
 * them, writes waiting log lines and gives up this host's roles; it does not end the host's lease, so its runs stay
 * its own if it comes back within the lease, and are taken over by another host otherwise.
 */
public final class PostgresRunStore implements SharedRunStore {
    private static final Logger log = LoggerFactory.getLogger(PostgresRunStore.class);

    private final Database db;
    private final FlowDefinitions flows = new FlowDefinitions();
    private final HostLeases leases;
    private final RunReads reads;
    private final BatchWriter writer;
    private final Claimer claimer;
    private final PostgresTaskLogs logs;
    private final List<Notifications> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private PostgresRunStore(Database db) {
        this.db = db;
        StoreSettings s = db.settings();
        this.leases = new HostLeases(s.hostId(), s.hostLease().toMillis(), db.where());
        this.reads = new RunReads(flows);
        this.writer = new BatchWriter(leases, flows);
        this.claimer = new Claimer(flows, leases, TransactionBounds.forLease(s.hostLease()));
        this.logs = new PostgresTaskLogs(db, leases);
    }

    /**
     * Connects to the database of {@code settings} and creates or migrates its tables.
     *
     * @throws StoreException when the settings lack a host id or URL, the server cannot be reached, the credentials
     *                        are refused, or the database holds a newer floe's schema; the message names the store by
     *                        {@link StoreSettings#safeUrl()}
     */
    public static PostgresRunStore open(StoreSettings settings) {
        if (settings.url().isBlank()) {
            throw new StoreException("store-type postgres needs store-url, the JDBC URL of the cluster's database,"
                    + " e.g. jdbc:postgresql://db.example.com:5432/floe");
        }
        if (settings.hostId().isBlank()) {
            throw new StoreException("run store " + settings.safeUrl() + " is shared by a cluster: each host needs"
                    + " its own host name to open it");
        }
        Database db = Database.connect(settings);
        try {
            Schema.migrate(db);
            PostgresRunStore store = new PostgresRunStore(db);
            log.info("opened run store {} as host {} (host lease {})", db.where(), settings.hostId(),
                    settings.hostLease());
            return store;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public void join(List<String> hostTags) {
        long epoch = transaction("register host " + leases.hostId(), c -> leases.join(c, hostTags));
        leases.joined(epoch);
        log.info("host {} joined run store {} (epoch {}, tags {})", leases.hostId(), db.where(), epoch, hostTags);
    }

    @Override
    public boolean renew() {
        return heartbeat("renew the lease of host " + leases.hostId(), leases::renew);
    }

    @Override
    public List<String> reapLostHosts() {
        List<String> lost = heartbeat("look for lost hosts", c -> {
            List<String> found = leases.reapLost(c);
            if (!found.isEmpty()) {
                Notifications.notify(c);
            }
            return found;
        });
        if (!lost.isEmpty()) {
            log.warn("host {} declared hosts {} lost: their lease lapsed; their active runs wait for another host",
                    leases.hostId(), lost);
        }
        return lost;
    }

    @Override
    public Claims claim(Predicate<FlowConfig> fits, int max, Instant now) {
        return transaction("claim runs for host " + leases.hostId(), c -> claimer.claim(c, fits, max, now));
    }

    /**
     * {@inheritDoc}
     *
     * @throws FencedException when this host may no longer write (it must join again)
     */
    @Override
    public Optional<RunRecord> cancelPend(HostedRef run, String reason, Instant now) {
        return transaction("cancel pend " + run, c -> {
            leases.checkFence(c);
            RunRecord pend;
            String flowHash;
            try (PreparedStatement p = c.prepareStatement("SELECT " + RunRows.RUN_COLUMNS + " FROM runs"
                    + " WHERE run_host = ? AND run_n = ? AND status = 'PENDING' FOR UPDATE")) {
                p.setString(1, run.hostId());
                p.setLong(2, run.id());
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    flowHash = rs.getString(RunRows.FLOW_HASH);
                    pend = RunRows.readRun(rs, flows.load(c, flowHash));
                }
            }
            RunRecord cancelled = pend.archived(now, false, reason);
            try (PreparedStatement p = c.prepareStatement(Rows.UPSERT_RUN)) {
                RunRows.bindRun(p, cancelled, flowHash, Rows.TIMES);
                p.executeUpdate();
            }
            Notifications.notify(c);
            return Optional.of(cancelled);
        });
    }

    @Override
    public AutoCloseable listen(Runnable wake) {
        checkOpen();
        Notifications n = Notifications.start(db, wake);
        listeners.add(n);
        return () -> {
            listeners.remove(n);
            n.close();
        };
    }

    @Override
    public boolean lead(String role) {
        return heartbeat("take role " + role + " for host " + leases.hostId(), c -> leases.lead(c, role));
    }

    @Override
    public List<ClusterHost> hosts() {
        return transaction("list the hosts", HostLeases::hosts);
    }

    /** This host's run counter, no pends (they are claimed), and the runs active on this host that are not orphans. */
    @Override
    public Recovery recover() {
        return read("recover the runs of host " + leases.hostId(), c -> new Recovery(leases.counter(c),
                List.of(), reads.activeOn(c, leases.hostId())));
    }

    /**
     * Writes the batch in one transaction, if this host may write.
     *
     * @throws IllegalArgumentException when the batch is malformed, found before anything is written
     * @throws FencedException          when this host has not joined, its lease lapsed or it was declared lost;
     *                                  nothing was written
     * @throws StoreException           when the database refuses it or cannot be reached; nothing was written
     */
    @Override
    public void commit(StoreBatch batch) {
        BatchChanges rows = BatchChanges.of(batch);
        if (batch.isEmpty()) {
            return;
        }
        Set<String> hashes = transaction("save " + batch.changes().size() + " changes (none of them was written)",
                c -> {
                    leases.checkFence(c);
                    return writer.write(c, rows);
                });
        flows.committed(hashes);
    }

    @Override
    public Optional<StoredRun> find(HostedRef run) {
        return read("find run " + run, c -> reads.find(c, run));
    }

    @Override
    public RunPage list(RunQuery query) {
        return read("list runs", c -> reads.list(c, query));
    }

    @Override
    public Optional<String> state(String key) {
        return transaction("read state " + key, c -> RunReads.state(c, key));
    }

    @Override
    public TaskLogs logs() {
        return logs;
    }

    private <T> T transaction(String what, Database.Work<T> work) {
        checkOpen();
        return db.transaction(what, work);
    }

    /** A transaction on the heartbeat's own connection, which no other work of this host can hold up. */
    private <T> T heartbeat(String what, Database.Work<T> work) {
        checkOpen();
        return db.heartbeat(what, work);
    }

    private <T> T read(String what, Database.Work<T> work) {
        checkOpen();
        return db.read(what, work);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("run store " + db.where() + " of host " + leases.hostId()
                    + " is closed");
        }
    }

    /** Stops listening, writes waiting log lines, gives up this host's roles and closes the connections. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        listeners.forEach(Notifications::close);
        listeners.clear();
        try {
            logs.close();
        } catch (StoreException e) {
            log.error("{}", e.getMessage());
        }
        try {
            db.transaction("give up the roles of host " + leases.hostId(), c -> {
                leases.resign(c);
                return null;
            });
        } catch (StoreException e) {
            log.warn("{}; other hosts take them when their lease lapses", e.getMessage());
        }
        closed = true;
        db.close();
        log.info("closed run store {} of host {}", db.where(), leases.hostId());
    }
}
