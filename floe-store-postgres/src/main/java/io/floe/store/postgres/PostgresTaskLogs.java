package io.floe.store.postgres;

import io.floe.engine.event.HostedRef;
import io.floe.engine.spi.StoreException;
import io.floe.engine.spi.TaskLogs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task logs in the {@code task_logs} table, one row per line numbered from 0 per node, so every host of the cluster
 * reads every log. Appends are buffered per node and written in batches: by a background drain every
 * {@value #DRAIN_MILLIS} ms, by {@link #flush} (called before the node's finish is committed), before a read of that
 * log on this host, and by the appending thread itself once {@value #MAX_BUFFERED} lines wait (so a database that is
 * down slows a task down instead of filling the heap). A node's lines are numbered in the order they were appended.
 * <p>
 * Lines obey the same fence as node states: a batch is written only while this host holds its fence and the run is
 * not another host's ({@link HostLeases#mayLog}). A host that was declared lost, or whose run another host took over,
 * writes no line of it, whether the line was appended before or after; the lines are dropped (a warning says how
 * many), and the log's numbering is read again from the database should this host append to it later.
 */
final class PostgresTaskLogs implements TaskLogs, AutoCloseable {
    static final long DRAIN_MILLIS = 200;
    static final int MAX_BUFFERED = 10_000;
    private static final int CHUNK = 5_000;
    private static final long IDLE_MILLIS = 30_000;
    private static final Logger log = LoggerFactory.getLogger(PostgresTaskLogs.class);

    private record Key(HostedRef run, String nodeId) {
        @Override
        public String toString() {
            return "node " + nodeId + " of run " + run;
        }
    }

    /** The lines of one node not yet written. Its monitor guards the fields; {@code writing} orders the writes. */
    private static final class NodeLog {
        final Key key;
        final ReentrantLock writing = new ReentrantLock();
        /** The next line's number, or -1 until read from the database. */
        long next = -1;
        List<String> buffer = new ArrayList<>();
        long bufferStart;
        long lastUsed = System.nanoTime();
        /** Dropped from the map: appenders holding it must look it up again. */
        boolean retired;
        /** The fence refused lines of this log before (warned about once). */
        boolean refused;

        NodeLog(Key key) {
            this.key = key;
        }
    }

    private final Database db;
    private final HostLeases leases;
    private final Map<Key, NodeLog> logs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService drainer;
    private volatile boolean closed;
    private volatile boolean drainFailing;

    PostgresTaskLogs(Database db, HostLeases leases) {
        this.db = db;
        this.leases = leases;
        this.drainer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "floe-pg-log-drain-" + db.settings().hostId());
            t.setDaemon(true);
            return t;
        });
        drainer.scheduleWithFixedDelay(this::drainAll, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void append(HostedRef run, String nodeId, String line) {
        Key key = new Key(run, nodeId);
        String text = oneLine(line);
        while (true) {
            if (closed) {
                throw new IllegalStateException("the task logs of run store " + db.where() + " are closed");
            }
            NodeLog nodeLog = logs.computeIfAbsent(key, NodeLog::new);
            boolean full;
            synchronized (nodeLog) {
                if (nodeLog.retired) {
                    continue;
                }
                if (nodeLog.next < 0) {
                    nodeLog.next = countStored(key); // lines written before, by this host or another
                }
                if (nodeLog.buffer.isEmpty()) {
                    nodeLog.bufferStart = nodeLog.next;
                }
                nodeLog.buffer.add(text);
                nodeLog.next++;
                nodeLog.lastUsed = System.nanoTime();
                full = nodeLog.buffer.size() >= MAX_BUFFERED;
            }
            if (full) {
                write(nodeLog, false);
            }
            return;
        }
    }

    @Override
    public List<String> read(HostedRef run, String nodeId, long from, int max) {
        if (max <= 0) {
            return List.of();
        }
        Key key = new Key(run, nodeId);
        NodeLog nodeLog = logs.get(key);
        if (nodeLog != null) {
            write(nodeLog, false); // this host's own lines are read back at once
        }
        return db.transaction("read the task log of " + key, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT text FROM task_logs"
                    + " WHERE run_host = ? AND run_n = ? AND node_id = ? AND line_no >= ? ORDER BY line_no LIMIT ?")) {
                p.setString(1, run.hostId());
                p.setLong(2, run.id());
                p.setString(3, nodeId);
                p.setLong(4, Math.max(0, from));
                p.setInt(5, max);
                p.setFetchSize(1000);
                List<String> out = new ArrayList<>(Math.min(max, 1000));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long count(HostedRef run, String nodeId) {
        Key key = new Key(run, nodeId);
        NodeLog nodeLog = logs.get(key);
        if (nodeLog != null) {
            synchronized (nodeLog) {
                if (!nodeLog.retired && nodeLog.next >= 0) {
                    return nodeLog.next;
                }
            }
        }
        return countStored(key);
    }

    @Override
    public void flush(HostedRef run, String nodeId) {
        NodeLog nodeLog = logs.get(new Key(run, nodeId));
        if (nodeLog != null) {
            write(nodeLog, true); // the node has finished: forget it unless it appends again
        }
    }

    private long countStored(Key key) {
        return db.transaction("count the lines of the task log of " + key, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(line_no) + 1, 0) FROM task_logs"
                    + " WHERE run_host = ? AND run_n = ? AND node_id = ?")) {
                p.setString(1, key.run().hostId());
                p.setLong(2, key.run().id());
                p.setString(3, key.nodeId());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Writes the node's buffered lines; on failure keeps them for the next attempt and throws. With {@code retire},
     * a log left empty is dropped from memory (while no other write is under way, so its line count in the database
     * is exact when it is next used).
     */
    private void write(NodeLog nodeLog, boolean retire) {
        nodeLog.writing.lock();
        try {
            List<String> lines;
            long start;
            synchronized (nodeLog) {
                lines = nodeLog.buffer;
                start = nodeLog.bufferStart;
                nodeLog.buffer = new ArrayList<>();
            }
            if (!lines.isEmpty()) {
                boolean written;
                try {
                    written = insert(nodeLog.key, start, lines);
                } catch (RuntimeException e) {
                    synchronized (nodeLog) {
                        lines.addAll(nodeLog.buffer);
                        nodeLog.buffer = lines;
                        nodeLog.bufferStart = start;
                    }
                    throw e;
                }
                if (!written) {
                    refused(nodeLog, lines.size());
                }
            }
            if (retire) {
                synchronized (nodeLog) {
                    if (nodeLog.buffer.isEmpty()) {
                        nodeLog.retired = true;
                        logs.remove(nodeLog.key, nodeLog);
                    }
                }
            }
        } finally {
            nodeLog.writing.unlock();
        }
    }

    /** Writes the lines unless this host may not write this log ({@link HostLeases#mayLog}); false then. */
    private boolean insert(Key key, long start, List<String> lines) {
        return db.transaction("write " + lines.size() + " lines to the task log of " + key, c -> {
            if (!leases.mayLog(c, key.run())) {
                return false;
            }
            for (int from = 0; from < lines.size(); from += CHUNK) {
                List<String> chunk = lines.subList(from, Math.min(lines.size(), from + CHUNK));
                insertChunk(c, key, start + from, chunk);
            }
            return true;
        });
    }

    /**
     * Drops the node's lines that the fence refused, and those appended since (they would be refused too); the log's
     * numbering is read again from the database if this host appends to it later.
     */
    private void refused(NodeLog nodeLog, int refused) {
        int dropped;
        boolean first;
        synchronized (nodeLog) {
            dropped = refused + nodeLog.buffer.size();
            nodeLog.buffer = new ArrayList<>();
            nodeLog.next = -1;
            first = !nodeLog.refused;
            nodeLog.refused = true;
        }
        if (!first) {
            log.debug("host {} dropped {} more lines of the task log of {}", leases.hostId(), dropped, nodeLog.key);
            return;
        }
        log.warn("host {} wrote none of {} lines of the task log of {} to run store {}: it was declared lost (or has"
                + " not joined), or another host took the run over, whose log it is now", leases.hostId(), dropped,
                nodeLog.key, db.where());
    }

    private static void insertChunk(Connection c, Key key, long first, List<String> chunk) throws SQLException {
        // one statement per chunk; a line number already there is a batch written before whose commit this host
        // could not confirm, written again
        try (PreparedStatement p = c.prepareStatement("INSERT INTO task_logs (run_host, run_n, node_id, line_no, text)"
                + " SELECT ?, ?, ?, ? + u.n - 1, u.t FROM unnest(?::text[]) WITH ORDINALITY AS u(t, n)"
                + " ON CONFLICT DO NOTHING")) {
            p.setString(1, key.run().hostId());
            p.setLong(2, key.run().id());
            p.setString(3, key.nodeId());
            p.setLong(4, first);
            p.setArray(5, c.createArrayOf("text", chunk.toArray()));
            p.executeUpdate();
        }
    }

    /** The drain: writes every node's waiting lines, and forgets logs idle for a while. */
    private void drainAll() {
        long now = System.nanoTime();
        for (NodeLog nodeLog : logs.values()) {
            boolean idle;
            synchronized (nodeLog) {
                idle = nodeLog.buffer.isEmpty()
                        && TimeUnit.NANOSECONDS.toMillis(now - nodeLog.lastUsed) > IDLE_MILLIS;
            }
            try {
                write(nodeLog, idle);
                if (drainFailing) {
                    drainFailing = false;
                    log.info("writing task logs to run store {} again", db.where());
                }
            } catch (RuntimeException e) {
                if (!drainFailing) {
                    drainFailing = true;
                    log.warn("{}; the lines are kept and written when the database answers again", e.getMessage());
                }
                return;
            }
        }
    }

    /**
     * An appended text is one line (a newline inside it would shift every later line number); PostgreSQL text holds
     * no NUL character.
     */
    static String oneLine(String line) {
        if (line == null) {
            return "";
        }
        String s = line.indexOf('\n') < 0 ? line : line.replace('\n', ' ');
        return s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }

    /** Stops the drain and writes every waiting line; later appends fail. */
    @Override
    public void close() {
        closed = true;
        drainer.shutdown();
        try {
            drainer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StoreException first = null;
        for (NodeLog nodeLog : logs.values()) {
            try {
                write(nodeLog, true);
            } catch (StoreException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
