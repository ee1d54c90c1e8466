package io.floe.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription to the cluster's wake-ups: a connection of its own (not from the pool) that LISTENs on
 * {@value #CHANNEL}, and a daemon thread waiting for notifications on it. A notification with an empty payload is for every
 * host; one whose payload lists host ids is for those hosts only (see {@link #notifyHosts}). A lost connection does
 * not end it: the thread logs once per outage, reconnects with a growing pause (up to {@link #MAX_PAUSE}), and after
 * reconnecting wakes the host once, since changes may have been missed meanwhile.
 */
final class Notifications implements AutoCloseable {
    static final String CHANNEL = "floe_runs";
    private static final int POLL_MILLIS = 500;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final Database db;
    private final String hostId;
    private final Runnable wake;
    private final Thread thread;
    private final Object pause = new Object();
    private volatile boolean closed;
    private volatile Connection connection;

    private Notifications(Database db, Runnable wake, String name) {
        this.db = db;
        this.hostId = db.settings().hostId();
        this.wake = wake;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    /** Starts listening; {@code wake} is called on the listener's thread. */
    static Notifications start(Database db, Runnable wake) {
        Notifications n = new Notifications(db, wake, "floe-pg-listen-" + db.settings().hostId());
        n.thread.start();
        return n;
    }

    /** Wakes every host of the cluster when the caller's transaction commits (an empty payload). */
    static void notify(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', '')")) {
            p.execute();
        }
    }

    /**
     * Wakes only these hosts when the caller's transaction commits: the payload lists their ids, one a line (a host
     * id has no line break), and every other listener ignores it.
     */
    static void notifyHosts(Connection c, Collection<String> hostIds) throws SQLException {
        if (hostIds.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            p.setString(1, String.join("\n", hostIds));
            p.execute();
        }
    }

    /** Whether a notification is for this host: for everyone, or naming it. */
    private boolean forMe(PGNotification n) {
        String payload = n.getParameter();
        return payload == null || payload.isEmpty() || payload.lines().anyMatch(hostId::equals);
    }

    private void loop() {
        Duration wait = FIRST_PAUSE;
        boolean missed = false; // true once a connection failed: changes may have gone unnoticed
        while (!closed) {
            try (Connection c = db.connectDirect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (missed) {
                    log.info("listening to run store {} again", db.where());
                    missed = false;
                    wakeQuietly();
                }
                wait = FIRST_PAUSE;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(POLL_MILLIS);
                    if (got != null && Arrays.stream(got).anyMatch(this::forMe)) {
                        wakeQuietly();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                if (!missed) {
                    log.warn("lost the wake-up connection to run store {}: {}; retrying (claims still run on the"
                            + " host's own schedule)", db.where(), Database.message(db.settings(), e));
                }
                missed = true;
                sleep(wait);
                wait = wait.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : wait.multipliedBy(2);
            } finally {
                connection = null;
            }
        }
    }

    private void wakeQuietly() {
        try {
            wake.run();
        } catch (RuntimeException e) {
            log.error("a run store wake-up failed", e);
        }
    }

    private void sleep(Duration d) {
        synchronized (pause) {
            if (!closed) {
                try {
                    pause.wait(d.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
        }
    }

    /** Stops listening and waits (briefly) for the thread to end. */
    @Override
    public void close() {
        closed = true;
        synchronized (pause) {
            pause.notifyAll();
        }
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection c = connection;
        if (thread.isAlive() && c != null) {
            try {
                c.close(); // a read stuck on a dead network ends with an error
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
