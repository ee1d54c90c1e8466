package io.floe.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.floe.engine.spi.StoreException;
import io.floe.engine.spi.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The connections of one {@link PostgresRunStore}: a small HikariCP pool for transactions, a pool of one connection
 * for the host's heartbeat, and plain connections for listening. The heartbeat has a connection of its own so that
 * nothing else of this host (claims, commits, log writes, a pool exhausted by them) can make it wait. Every connection
 * carries the {@link TransactionBounds} of the host lease. Every failure it reports names the database by
 * {@link StoreSettings#safeUrl()}; the password never appears in a message.
 */
final class Database implements AutoCloseable {
    /** Work done in one transaction on a pooled connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final int POOL_SIZE = 8;

    private final StoreSettings settings;
    private final HikariDataSource pool;
    private final HikariDataSource heartbeat;

    private Database(StoreSettings settings, HikariDataSource pool, HikariDataSource heartbeat) {
        this.settings = settings;
        this.pool = pool;
        this.heartbeat = heartbeat;
    }

    /**
     * Connects, failing at once when the server cannot be reached or refuses the credentials.
     *
     * @throws StoreException naming the database and what to check
     */
    static Database connect(StoreSettings settings) {
        if (!settings.url().startsWith("jdbc:postgresql:")) {
            throw new StoreException("store-type postgres needs store-url to be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://db.example.com:5432/floe, got '" + settings.safeUrl() + "'");
        }
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(poolConfig(settings, "floe-pg-" + settings.hostId(), POOL_SIZE));
            HikariDataSource heartbeat = new HikariDataSource(
                    poolConfig(settings, "floe-pg-heartbeat-" + settings.hostId(), 1));
            return new Database(settings, pool, heartbeat);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw new StoreException("could not connect to run store " + settings.safeUrl() + " as user '"
                    + settings.user() + "': " + message(settings, sqlCause(e)) + "; check store-url, that the"
                    + " PostgreSQL server is running and reachable, and the store user and password", e);
        }
    }

    private static HikariConfig poolConfig(StoreSettings settings, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(settings.url());
        config.setDataSourceProperties(driverProperties(settings));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        // a host's heartbeat must not wait much longer than its lease for a connection
        config.setConnectionTimeout(clamp(settings.hostLease().dividedBy(3), Duration.ofMillis(250),
                Duration.ofSeconds(10)).toMillis());
        config.setInitializationFailTimeout(1);
        return config;
    }

    private static Properties driverProperties(StoreSettings settings) {
        Properties p = new Properties();
        if (!settings.user().isEmpty()) {
            p.setProperty("user", settings.user());
        }
        if (!settings.password().isEmpty()) {
            p.setProperty("password", settings.password());
        }
        p.setProperty("ApplicationName", "floe " + settings.hostId());
        p.setProperty("connectTimeout", "10");
        p.setProperty("tcpKeepAlive", "true");
        // a query to a server cut off by the network fails after a minute instead of hanging a thread for good
        p.setProperty("socketTimeout", "60");
        // plan each query for its values: a generic plan may list a rare flow's runs by filtering the whole
        // runs_by_status index instead of range-scanning runs_by_flow
        p.setProperty("options", "-c plan_cache_mode=force_custom_plan "
                + TransactionBounds.forLease(settings.hostLease()).options());
        return p;
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    StoreSettings settings() {
        return settings;
    }

    String where() {
        return settings.safeUrl();
    }

    DataSource dataSource() {
        return pool;
    }

    /**
     * Connections for migrating the schema, without the lease's {@link TransactionBounds}: a migration runs once, at
     * open, before this host holds a lease, and may rightly sit in a transaction longer than a quarter lease (a slow or
     * busy machine between two of its statements; a large table altered), which the bounds would end half-way.
     */
    DataSource migrations() {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(settings.url());
        if (!settings.user().isEmpty()) {
            ds.setUser(settings.user());
        }
        if (!settings.password().isEmpty()) {
            ds.setPassword(settings.password());
        }
        ds.setApplicationName("floe " + settings.hostId() + " (schema)");
        ds.setConnectTimeout(10);
        ds.setTcpKeepAlive(true);
        return ds;
    }

    /**
     * Runs {@code work} in one transaction and commits it; on any failure rolls it back.
     *
     * @throws StoreException saying what could not be done where; a {@link StoreException} thrown by the work (such
     *                        as a fencing refusal) passes unchanged
     */
    <T> T transaction(String what, Work<T> work) {
        return transaction(pool, what, work);
    }

    /** As {@link #transaction}, on the heartbeat's own connection. */
    <T> T heartbeat(String what, Work<T> work) {
        return transaction(heartbeat, what, work);
    }

    private <T> T transaction(HikariDataSource source, String what, Work<T> work) {
        try (Connection c = source.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (StoreException | IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw failure(what, e);
        }
    }

    /**
     * Runs {@code work} in a read-only transaction that sees one snapshot of the database, so a run read with one
     * statement and its nodes with another are of the same moment.
     */
    <T> T read(String what, Work<T> work) {
        return transaction(what, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            return work.run(c);
        });
    }

    /** A new connection outside the pool, in auto-commit mode, for LISTEN. */
    Connection connectDirect() throws SQLException {
        Properties p = driverProperties(settings);
        p.setProperty("ApplicationName", "floe " + settings.hostId() + " wake-ups");
        return DriverManager.getConnection(settings.url(), p);
    }

    StoreException failure(String what, Exception e) {
        return new StoreException("could not " + what + " in run store " + where() + ": " + message(settings, e), e);
    }

    /** The exception's message with the password masked, should a driver ever echo it. */
    static String message(StoreSettings settings, Throwable e) {
        String m = String.valueOf(e.getMessage());
        // a password of a character or two would mask half the message; no driver echoes one anyway
        return settings.password().length() < 4 ? m : m.replace(settings.password(), "***");
    }

    /** The driver's own explanation (it names host and port, or the user refused), else the deepest cause. */
    private static Throwable sqlCause(Throwable e) {
        Throwable t = e;
        while (!(t instanceof SQLException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the server rolls the transaction back
        }
    }

    @Override
    public void close() {
        heartbeat.close();
        pool.close();
    }
}
