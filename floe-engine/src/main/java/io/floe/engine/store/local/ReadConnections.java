package io.floe.engine.store.local;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A few read-only connections to a {@link LocalRunStore}'s database, shared by API threads. In WAL mode readers
 * neither wait for the hub's writes nor delay them. Each use runs in its own read transaction (one consistent
 * snapshot, e.g. a run's head and its nodes), which ends when the use does, so no reader holds back checkpoints.
 */
final class ReadConnections implements AutoCloseable {
    /** Something done with a connection. */
    interface Use<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Opens a connection for reading. */
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final int max;
    private final Deque<Connection> idle = new ArrayDeque<>();
    /** Connections open or being opened. */
    private int count;
    private boolean closed;

    ReadConnections(Opener opener, int max) {
        this.opener = opener;
        this.max = max;
    }

    <T> T read(Use<T> use) throws SQLException {
        Connection c = borrow();
        boolean ok = false;
        try {
            T out = use.apply(c);
            ok = true;
            return out;
        } finally {
            giveBack(c, ok);
        }
    }

    private Connection borrow() throws SQLException {
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("run store is closed");
                }
                Connection c = idle.pollFirst();
                if (c != null) {
                    return c;
                }
                if (count < max) {
                    count++; // reserves a slot while opening outside the lock
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a run store connection", e);
                }
            }
        }
        Connection c = null;
        try {
            c = opener.open();
            c.setAutoCommit(false);
            return c;
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                quietlyClose(c);
            }
            synchronized (this) {
                count--;
                notifyAll();
            }
            throw e;
        }
    }

    private void giveBack(Connection c, boolean ok) {
        boolean keep = true;
        try {
            c.rollback(); // ends the read transaction; nothing was written
        } catch (SQLException e) {
            keep = false;
        }
        synchronized (this) {
            if (keep && ok && !closed) {
                idle.addFirst(c);
                notifyAll();
                return;
            }
            count--;
            notifyAll();
        }
        quietlyClose(c);
    }

    @Override
    public void close() {
        List<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
            count -= toClose.size();
            notifyAll();
        }
        toClose.forEach(ReadConnections::quietlyClose);
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing a read connection loses nothing
        }
    }
}
