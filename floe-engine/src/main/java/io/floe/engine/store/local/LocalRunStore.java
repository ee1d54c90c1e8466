package io.floe.engine.store.local;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunCursor;
import io.floe.engine.run.RunFilter;
import io.floe.engine.run.RunPage;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.spi.StoreException;
import io.floe.engine.store.jdbc.BatchChanges;
import io.floe.engine.store.jdbc.FlowDefinitions;
import io.floe.engine.store.jdbc.ListingKey;
import io.floe.engine.store.jdbc.PageMerge;
import io.floe.engine.store.jdbc.RunFilterSql;
import io.floe.engine.store.jdbc.RunRows;
import io.floe.engine.workspace.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The {@code local} run store: an embedded SQLite database at {@code <store-root>/store/floe.db} in WAL mode, and task
 * logs as files under {@code <store-root>/store/logs} (see {@link FileTaskLogs}).
 * <p>
 * Writes go through one connection, one {@link #commit} at a time, each batch in one transaction: all of it is written
 * or, on any failure, none of it. Reads use a few other connections and never wait for a write. Every change is one
 * row (ending a run updates its row), so its cost does not grow with the archive; listings are index range scans from
 * their cursor (see {@link StoreSchema}). New files use 1 KB pages ({@link #PAGE_SIZE}) and the compact rows of
 * schema version 2, because what a commit costs in bytes is the pages it touches, each written whole.
 * <p>
 * Durability is chosen at open ({@link Durability}). The default, {@link Durability#POWER_LOSS}: a batch is on the
 * disk before anything it causes is told or started. Floe runs deployments and other steps that must not silently run
 * twice, so every turn of the hub's routing loop is forced to the disk, but not each on its own: the hub writes a turn
 * ({@link #write}, SQLite's {@code synchronous=NORMAL}, the batch in the OS's hands) and goes on routing while one
 * thread forces the write-ahead log once for all turns written meanwhile ({@link WalForcing}), then releases them in
 * order (group commit). {@link #commit} writes and forces one batch. {@link Durability#PROCESS_CRASH} never forces: a
 * committed batch is in the WAL file, in the OS's hands, so it survives the floe process crashing or being killed, but
 * an OS crash or power loss may lose the last batches committed before it (the database stays consistent; the hub
 * then recovers an earlier state of those runs).
 * <p>
 * Task logs have a durability of their own ({@link LogSync}): by default a task's lines are handed to the OS before its
 * end is committed, not forced to the disk. The commit of the state is what makes a run happen exactly once; a log
 * line lost to a power cut is no run lost or repeated, and forcing every task's log (a flush of the disk's cache per
 * task on top of the commit's) cost exec throughput a third on the project's machine (docs/BENCHMARKS.md, figure 3).
 * {@link LogSync#FORCED} ({@code common.log-sync: true}) forces them, for those who want the log to survive what the
 * state survives.
 * <p>
 * One process at a time: the store holds a lock on {@code floe.lock} beside the database while open.
 */
public final class LocalRunStore implements RunStore {
    /** What a committed batch survives. */
    public enum Durability {
        /** The floe process crashing or being killed, but not an OS crash or power loss. Faster. */
        PROCESS_CRASH,
        /** Also an OS crash or power loss: every commit and every log flush waits for the disk. The default. */
        POWER_LOSS
    }

    /** What a task's log survives once its end is committed. */
    public enum LogSync {
        /** Handed to the OS: survives the floe process being killed, not an OS crash or power cut. The default. */
        HANDED_TO_OS,
        /** Forced to the disk before the task's end is committed: survives what the store's state survives. */
        FORCED
    }

    private static final Logger log = LoggerFactory.getLogger(LocalRunStore.class);
    private static final int READERS = 4;
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /**
     * The page size of new files. Every commit writes each page it touched to the WAL whole, and a lone run's
     * commits touch about 16 pages: with SQLite's default of 4 KB that is over 60 KB per run, with 1 KB about a
     * quarter. An existing file keeps the page size it was created with.
     */
    static final int PAGE_SIZE = 1024;
    private static final String COUNTER = "counter";
    private static final String COUNTER_HOST = "counter_host";

    private final Path dbFile;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Replaced after a failed commit (see {@link #reopenWriter}); guarded by {@link #writeLock}. */
    private Connection writer;
    private Statements statements;
    private final Durability durability;
    /** The page cap set by {@link #capPages}, kept for a new write connection; 0 when none was set. */
    private long pageCap;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReadConnections readers;
    private final FlowDefinitions flows = new FlowDefinitions();
    private final FileTaskLogs logs;
    /** Forces the write-ahead log to the disk: for {@link Durability#POWER_LOSS} after each group of commits. */
    private final WalForcing wal;
    private final RunRows.Times times;
    /** Version 2: the host whose run rows tell the counter (see {@link #writeCounter}); null until known. */
    private String counterHost;
    private boolean closed;

    /** The prepared statements of the write connection. */
    private record Statements(PreparedStatement putMeta, PreparedStatement run, PreparedStatement node,
            PreparedStatement putState, PreparedStatement deleteState) {
        static Statements prepare(Connection c) throws SQLException {
            return new Statements(
                    c.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?)"
                            + " ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                    c.prepareStatement(RunRows.UPSERT_RUN),
                    c.prepareStatement(RunRows.UPSERT_NODE),
                    c.prepareStatement("INSERT INTO state (key, value) VALUES (?, ?)"
                            + " ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                    c.prepareStatement("DELETE FROM state WHERE key = ?"));
        }

        void close() throws SQLException {
            for (PreparedStatement p : List.of(putMeta, run, node, putState, deleteState)) {
                p.close();
            }
        }
    }

    private LocalRunStore(Path dbFile, FileChannel lockChannel, FileLock lock, Connection writer,
            Statements statements, Durability durability, LogSync logSync, int schemaVersion) throws SQLException {
        this.dbFile = dbFile;
        this.times = schemaVersion <= StoreSchema.TEXT_TIMES ? RunRows.Times.TEXT : RunRows.Times.NANOS;
        this.counterHost = times == RunRows.Times.NANOS ? meta(writer, COUNTER_HOST) : null;
        writer.commit(); // ends the read
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writer = writer;
        this.statements = statements;
        this.durability = durability;
        this.readers = new ReadConnections(() -> connect(dbFile, durability, true), READERS);
        this.logs = new FileTaskLogs(dbFile.resolveSibling("logs"), logSync == LogSync.FORCED);
        this.wal = new WalForcing(dbFile);
        if (durability == Durability.POWER_LOSS) {
            wal.force(); // a schema just made or migrated is on the disk before the first run
        }
    }

    /** Opens (creating if needed) the store under {@code <storeRoot>/store}, surviving power loss. */
    public static LocalRunStore open(Path storeRoot) {
        return open(storeRoot, Durability.POWER_LOSS);
    }

    /**
     * Opens (creating if needed) the store under {@code <storeRoot>/store}.
     *
     * @throws StoreException when the folder cannot be created, another process has the store open, or
     *                        {@code floe.db} is not a floe store this floe can read; the message names the file
     */
    public static LocalRunStore open(Path storeRoot, Durability durability) {
        return open(storeRoot, durability, LogSync.HANDED_TO_OS);
    }

    /**
     * Opens (creating if needed) the store under {@code <storeRoot>/store}, its task logs with {@code logSync}.
     *
     * @throws StoreException as {@link #open(Path, Durability)}
     */
    public static LocalRunStore open(Path storeRoot, Durability durability, LogSync logSync) {
        Path dir = storeRoot.toAbsolutePath().normalize().resolve("store");
        Path db = dir.resolve("floe.db");
        try {
            // private first: SQLite gives its -wal and -shm files the database file's mode
            PrivateFiles.folder(dir);
            PrivateFiles.file(db);
            PrivateFiles.narrowIfPresent(db.resolveSibling(db.getFileName() + "-wal"));
            PrivateFiles.narrowIfPresent(db.resolveSibling(db.getFileName() + "-shm"));
        } catch (IOException e) {
            throw new StoreException("could not create the run store folder " + dir + ": " + e
                    + "; check store-root and its permissions", e);
        }
        FileChannel lockChannel = null;
        FileLock lock = null;
        Connection writer = null;
        try {
            lockChannel = PrivateFiles.open(dir.resolve("floe.lock"), Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE));
            lock = tryLock(lockChannel);
            if (lock == null) {
                throw new StoreException("run store " + dir + " is in use by another floe host (it holds "
                        + dir.resolve("floe.lock") + "); stop that host or give this one another store-root");
            }
            writer = connect(db, durability, false);
            int version = StoreSchema.prepare(writer, db.toString());
            LocalRunStore store = new LocalRunStore(db, lockChannel, lock, writer, Statements.prepare(writer),
                    durability, logSync, version);
            log.info("opened run store {} ({} durability, task logs {}, schema version {})", db, durability,
                    logSync, version);
            return store;
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(writer, lock, lockChannel);
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException("could not open run store " + db + ": " + e.getMessage()
                    + ". If the file is damaged or not a floe store, move it aside and floe starts an empty store", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this same JVM
        }
    }

    private static Connection connect(Path db, Durability durability, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        if (readOnly) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        // NORMAL for both: a commit is in the OS's hands; POWER_LOSS forces the log itself (WalForcing), once a group
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
        try (Statement s = c.createStatement()) {
            if (readOnly) {
                s.execute("PRAGMA query_only = true");
            } else {
                // a new file takes the page size only before it is switched to WAL; an existing one keeps its own
                s.execute("PRAGMA page_size = " + PAGE_SIZE);
                s.execute("PRAGMA journal_mode = WAL");
                // checkpoint when the WAL holds about 4 MB, as with SQLite's default of 1000 pages of 4 KB: with
                // smaller pages a count of pages would copy the same few busy pages back into the file 4 times as often
                s.execute("PRAGMA wal_autocheckpoint = " + Math.max(1000, 4 * 1024 * 1024 / pageSize(s)));
            }
            // the pragmas above are applied lazily; reading the schema makes a bad file fail here, at open
            s.executeQuery("SELECT count(*) FROM sqlite_master").close();
            c.setAutoCommit(false);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static int pageSize(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
            return rs.next() ? rs.getInt(1) : PAGE_SIZE;
        }
    }

    /** The database file. */
    public Path file() {
        return dbFile;
    }

    @Override
    public Recovery recover() {
        return read("recover runs", c -> {
            String saved = meta(c, COUNTER);
            long counter = saved == null ? 0 : Long.parseLong(saved);
            String host = times == RunRows.Times.NANOS ? meta(c, COUNTER_HOST) : null;
            if (host != null) {
                try (PreparedStatement p = c.prepareStatement("SELECT max(run_n) FROM runs WHERE run_host = ?")) {
                    p.setString(1, host);
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            counter = Math.max(counter, rs.getLong(1));
                        }
                    }
                }
            }
            List<String> flowIds = flowIds(c);
            return new Recovery(counter, oldestFirst(c, flowIds, RunStatus.PENDING),
                    oldestFirst(c, flowIds, RunStatus.ACTIVE));
        });
    }

    /** The runs in {@code status}, oldest first: one range scan of {@code runs_by_flow} per flow, merged. */
    private List<StoredRun> oldestFirst(Connection c, List<String> flowIds, RunStatus status) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + RunRows.RUN_COLUMNS
                + " FROM runs WHERE flow_id = ? AND status = ? ORDER BY adopted_ms, run_host, run_n")) {
            for (String flowId : flowIds) {
                p.setString(1, flowId);
                p.setString(2, status.name());
                runs.addAll(RunRows.readRuns(p, c, flows));
            }
        }
        runs.sort((a, b) -> ListingKey.NEWEST_FIRST.compare(ListingKey.of(b), ListingKey.of(a)));
        List<StoredRun> out = new ArrayList<>(runs.size());
        for (RunRecord r : runs) {
            out.add(new StoredRun(r, RunRows.nodes(c, r.id())));
        }
        return out;
    }

    /**
     * Writes the batch in one transaction.
     *
     * @throws IllegalArgumentException when the batch is malformed (a null record, a run without a number), found
     *                                  before anything is written
     * @throws StoreException           when the database refuses it (disk full, a value JSON cannot hold); the
     *                                  transaction is rolled back, so none of the batch is written
     */
    @Override
    public void commit(StoreBatch batch) {
        write(batch).force();
    }

    /**
     * Writes the batch in one transaction, as {@link #commit}, but in the OS's hands only: with {@link
     * Durability#POWER_LOSS} the returned forcing puts it (and every batch written before) on the disk.
     */
    @Override
    public Forcing write(StoreBatch batch) {
        BatchChanges changes = BatchChanges.of(batch); // a malformed batch fails here, before any write
        if (batch.isEmpty()) {
            return Forcing.DONE;
        }
        writeLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("run store " + dbFile + " is closed");
            }
            boolean done = false;
            try {
                if (writer == null) {
                    reopenWriter();
                }
                Set<String> flowHashes = new HashSet<>();
                String host = writeRows(changes, flowHashes);
                writer.commit();
                counterHost = host;
                flows.committed(flowHashes);
                done = true;
            } catch (SQLException | RuntimeException e) {
                throw new StoreException("could not save " + batch.changes().size() + " changes to run store "
                        + dbFile + ": " + e.getMessage() + "; none of them was written", e);
            } finally {
                if (!done) {
                    rollback();
                }
            }
        } finally {
            writeLock.unlock();
        }
        return durability == Durability.POWER_LOSS ? wal : Forcing.DONE;
    }

    /**
     * Replaces the write connection after a failed commit. An error such as {@code SQLITE_FULL} or an I/O error makes
     * SQLite roll the transaction back by itself; the driver does not notice, so its own rollback then fails ("no
     * transaction is active"), no new transaction is begun, and every later commit failed the same way, and the
     * prepared statements were left unusable ("statement is not executing"). A new connection has none of that
     * state. When even opening fails (the disk is still full), the writer stays closed and the next commit tries again.
     */
    private void reopenWriter() throws SQLException {
        if (writer != null) {
            try {
                statements.close();
                writer.close();
            } catch (SQLException e) {
                log.warn("closing the failed write connection of run store {}: {}", dbFile, e.getMessage());
            }
            writer = null;
            statements = null;
        }
        Connection c = connect(dbFile, durability, false);
        try {
            statements = Statements.prepare(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        writer = c;
        if (pageCap > 0) {
            applyPageCap();
        }
    }

    /**
     * Writes the batch's changes, adding the hashes of the flow definitions saved to {@code flowHashes}; returns the
     * counter's host as it is once they are committed.
     */
    private String writeRows(BatchChanges changes, Set<String> flowHashes) throws SQLException {
        String host = counterHost;
        if (changes.counter().isPresent()) {
            host = writeCounter(changes.counter().getAsLong(), changes, host);
        }
        if (!changes.runs().isEmpty()) {
            for (RunRecord r : changes.runs().values()) {
                String hash = flows.save(writer, r.flow());
                flowHashes.add(hash);
                RunRows.bindRun(statements.run(), r, hash, times);
                statements.run().addBatch();
            }
            statements.run().executeBatch();
        }
        if (!changes.nodes().isEmpty()) {
            for (Map.Entry<BatchChanges.NodeKey, NodeRecord> e : changes.nodes().entrySet()) {
                RunRows.bindNode(statements.node(), e.getKey().run(), e.getValue(), times);
                statements.node().addBatch();
            }
            statements.node().executeBatch();
        }
        for (Map.Entry<String, String> e : changes.states().entrySet()) {
            if (e.getValue() == null) {
                statements.deleteState().setString(1, e.getKey());
                statements.deleteState().executeUpdate();
            } else {
                statements.putState().setString(1, e.getKey());
                statements.putState().setString(2, e.getValue());
                statements.putState().executeUpdate();
            }
        }
        return host;
    }

    /**
     * Saves the run counter. In a version 2 file, when the batch holds the run the counter numbers (the usual case:
     * the hub counts when it adopts), the run's row already tells the counter on recovery ({@code max(run_n)} of the
     * counter's host) and nothing more is written, except the host's name the first time; one page less per adoption,
     * and a lone run writes only a handful of pages. Otherwise, and in version 1 files, the counter is written.
     *
     * @return the counter's host once this batch is committed
     */
    private String writeCounter(long counter, BatchChanges changes, String host) throws SQLException {
        String numbered = null;
        if (times == RunRows.Times.NANOS) {
            for (HostedRef id : changes.runs().keySet()) {
                if (id.id() == counter) {
                    numbered = id.hostId();
                }
            }
        }
        if (numbered != null && numbered.equals(host)) {
            return host;
        }
        putMeta(COUNTER, Long.toString(counter));
        if (numbered != null) {
            putMeta(COUNTER_HOST, numbered);
        }
        return numbered != null ? numbered : host;
    }

    private void putMeta(String key, String value) throws SQLException {
        statements.putMeta().setString(1, key);
        statements.putMeta().setString(2, value);
        statements.putMeta().executeUpdate();
    }

    private static String meta(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Undoes what a failed commit wrote, on a new write connection (see {@link #reopenWriter}). */
    private void rollback() {
        if (writer == null) {
            return;
        }
        try {
            writer.rollback();
        } catch (SQLException e) {
            log.debug("rolling back a failed commit to run store {}: {}", dbFile, e.getMessage());
        }
        try {
            reopenWriter();
        } catch (SQLException e) {
            log.warn("could not open a new write connection to run store {} yet (retried with the next commit): {}",
                    dbFile, e.getMessage());
        }
    }

    /**
     * Caps the database at {@code pages} pages (SQLite's {@code max_page_count}): a commit that needs more fails as on
     * a full disk, and raising the cap again is like freeing space. For fault tests; a value above SQLite's maximum
     * lifts the cap.
     */
    public void capPages(long pages) {
        writeLock.lock();
        try {
            pageCap = pages;
            if (writer != null) {
                applyPageCap();
            }
        } catch (SQLException e) {
            throw new StoreException("could not cap run store " + dbFile + " at " + pages + " pages: " + e, e);
        } finally {
            writeLock.unlock();
        }
    }

    private void applyPageCap() throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA max_page_count = " + pageCap);
        }
    }

    @Override
    public Optional<StoredRun> find(HostedRef run) {
        return read("find run " + run, c -> RunRows.find(c, run, flows));
    }

    @Override
    public RunPage list(RunQuery query) {
        int fetch = PageMerge.fetchSize(query.limit());
        return read("list runs", c -> {
            List<String> flowIds = query.flowId().isEmpty() ? flowIds(c) : List.of(query.flowId());
            List<List<RunRecord>> slices = new ArrayList<>();
            for (String flowId : flowIds) {
                for (RunStatus status : query.scanned()) {
                    slices.add(slice(c, flowId, query.before(), status, query.filter(), fetch));
                }
            }
            return PageMerge.page(slices, query.limit());
        });
    }

    /**
     * One flow's and status's part of a listing: a range scan of {@code runs_by_flow} from the cursor. A listing of
     * all flows merges one part per flow: the store keeps no index by status alone, which every run would have to
     * update twice for a listing the host itself never asks for.
     */
    private List<RunRecord> slice(Connection c, String flowId, RunCursor before, RunStatus status, RunFilter filter,
            int fetch) throws SQLException {
        RunFilterSql where = RunFilterSql.of(filter, status, RunFilterSql.Dialect.SQLITE);
        try (PreparedStatement p = c.prepareStatement(listSql(before != null, where.where()))) {
            int i = 1;
            p.setString(i++, flowId);
            p.setString(i++, status.name());
            if (before != null) {
                i = ListingKey.of(before).bind(p, i);
            }
            i = where.bind(p, i);
            p.setInt(i, fetch);
            return RunRows.readRuns(p, c, flows);
        }
    }

    static String listSql(boolean withCursor) {
        return listSql(withCursor, "");
    }

    /** The listing of one flow and status, with a {@link RunFilterSql}'s conditions. */
    static String listSql(boolean withCursor, String filter) {
        return "SELECT " + RunRows.RUN_COLUMNS + " FROM runs WHERE flow_id = ? AND status = ?"
                + (withCursor ? " AND (adopted_ms, run_host, run_n) < (?, ?, ?)" : "") + filter
                + " ORDER BY adopted_ms DESC, run_host DESC, run_n DESC LIMIT ?";
    }

    /** The flows that have runs, one seek of {@code runs_by_flow} each rather than a scan of all runs. */
    static final String FLOW_IDS = "WITH RECURSIVE f(id) AS (SELECT min(flow_id) FROM runs"
            + " UNION ALL SELECT (SELECT min(flow_id) FROM runs WHERE flow_id > f.id) FROM f WHERE f.id IS NOT NULL)"
            + " SELECT id FROM f WHERE id IS NOT NULL";

    private static List<String> flowIds(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(FLOW_IDS); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    @Override
    public Optional<String> state(String key) {
        return read("read state " + key, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT value FROM state WHERE key = ?")) {
                p.setString(1, key);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public FileTaskLogs logs() {
        return logs;
    }

    private <T> T read(String what, ReadConnections.Use<T> use) {
        try {
            return readers.read(use);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof IllegalStateException || e instanceof StoreException) {
                throw (RuntimeException) e;
            }
            throw new StoreException("could not " + what + " in run store " + dbFile + ": " + e.getMessage(), e);
        }
    }

    /** Closes the database and the logs; the store cannot be used afterwards. Calling it again does nothing. */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            readers.close();
            try {
                logs.close();
            } catch (StoreException e) {
                log.error("{}", e.getMessage());
            }
            try {
                if (statements != null) {
                    statements.close();
                }
            } catch (SQLException e) {
                log.warn("closing statements of run store {}: {}", dbFile, e.getMessage());
            }
            wal.close();
            closeQuietly(writer, lock, lockChannel);
            log.info("closed run store {}", dbFile);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection writer, FileLock lock, FileChannel lockChannel) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (SQLException e) {
            log.warn("closing run store database: {}", e.getMessage());
        }
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            log.warn("releasing run store lock: {}", e.getMessage());
        }
    }
}
