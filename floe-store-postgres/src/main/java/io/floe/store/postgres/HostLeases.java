package io.floe.store.postgres;

import io.floe.engine.event.HostedRef;
import io.floe.engine.spi.FencedException;
import io.floe.engine.spi.SharedRunStore.ClusterHost;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Host liveness and fencing in the {@code hosts} table, and cluster roles in {@code roles}. Every lease is reckoned
 * by the database's clock ({@code clock_timestamp()}), so hosts whose clocks disagree still agree on who is alive.
 * <p>
 * A host's {@code epoch} changes when it joins and when another host declares it lost. A host may write while its
 * row has the epoch it got at {@link #join} and is alive: {@link #checkFence} verifies that in the writer's
 * transaction and keeps the row key-share-locked until it ends, and {@link #reapLost} must lock the row {@code FOR
 * UPDATE} to change it, so a write and the declaration of loss never overlap: either the write lands before the host is
 * declared lost (and its runs are orphaned with that write in them) or it is refused.
 * <p>
 * No lock of one host can hold up another host's heartbeat: a key-share lock lets {@link #renew} (an update of the
 * lease alone) through, and {@link #reapLost} skips a row it cannot lock at once and tries again with the next
 * heartbeat; a host frozen inside a transaction has its session ended by the server
 * ({@link TransactionBounds#idleInTransaction()}) well before its lease lapses.
 */
final class HostLeases {
    /** The interval of a host lease, from milliseconds bound as a parameter. */
    private static final String LEASE = "clock_timestamp() + ? * interval '1 millisecond'";

    private final String hostId;
    private final long leaseMillis;
    private final String where;
    /** The epoch {@link #join} got, or 0 before the first join. */
    private volatile long epoch;

    HostLeases(String hostId, long leaseMillis, String where) {
        this.hostId = hostId;
        this.leaseMillis = leaseMillis;
        this.where = where;
    }

    String hostId() {
        return hostId;
    }

    /** Registers this host alive with a new epoch and a fresh lease; returns the epoch. */
    long join(Connection c, List<String> tags) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO hosts (id, tags, epoch, lease_until, alive)"
                + " VALUES (?, ?, 1, " + LEASE + ", true)"
                + " ON CONFLICT (id) DO UPDATE SET tags = excluded.tags, epoch = hosts.epoch + 1,"
                + " lease_until = excluded.lease_until, alive = true RETURNING epoch")) {
            p.setString(1, hostId);
            p.setArray(2, c.createArrayOf("text", tags.toArray()));
            p.setLong(3, leaseMillis);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Called once the transaction of {@link #join} committed. */
    void joined(long newEpoch) {
        epoch = newEpoch;
    }

    /** The epoch of the last {@link #join}, or 0 before the first. */
    long epoch() {
        return epoch;
    }

    /**
     * Extends this host's lease unless the host was declared lost. A lease that lapsed without anyone declaring the host
     * lost is simply extended: no other host took its runs, so it still owns them (a late heartbeat on a busy machine
     * costs nothing).
     */
    boolean renew(Connection c) throws SQLException {
        if (epoch == 0) {
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE hosts SET lease_until = " + LEASE
                + " WHERE id = ? AND epoch = ? AND alive")) {
            p.setLong(1, leaseMillis);
            p.setString(2, hostId);
            p.setLong(3, epoch);
            return p.executeUpdate() == 1;
        }
    }

    /**
     * Whether this host may write now: it joined and was not declared lost since (its epoch is the one it joined with).
     * Key-share-locks its row until the transaction ends, so no other host can declare it lost meanwhile, while the
     * host's own heartbeat may still renew the lease. The epoch, not the lease time, is the fence: a host can only lose
     * its runs by being declared lost.
     */
    boolean holds(Connection c) throws SQLException {
        long mine = epoch;
        if (mine == 0) {
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT epoch = ? AND alive FROM hosts WHERE id = ?"
                + " FOR KEY SHARE")) {
            p.setLong(1, mine);
            p.setString(2, hostId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Whether this host may write the task log of {@code run}: it {@link #holds} its fence (key-share-locking its row
     * as a commit does), and the run is not another host's: not executed by another host, not an orphan waiting to be
     * taken over. A host that joined again after it was declared lost holds its fence anew, but the runs it lost are
     * not its own any more.
     */
    boolean mayLog(Connection c, HostedRef run) throws SQLException {
        if (!holds(c)) {
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM runs WHERE run_host = ? AND run_n = ?"
                + " AND (exec_host <> ? OR lost_host IS NOT NULL)")) {
            p.setString(1, run.hostId());
            p.setLong(2, run.id());
            p.setString(3, hostId);
            try (ResultSet rs = p.executeQuery()) {
                return !rs.next();
            }
        }
    }

    /**
     * As {@link #holds}, throwing when it does not.
     *
     * @throws FencedException when this host has not joined or was declared lost
     */
    void checkFence(Connection c) throws SQLException {
        if (!holds(c)) {
            throw new FencedException(epoch == 0
                    ? "host " + hostId + " has not joined run store " + where + "; it must join before it writes"
                    : "host " + hostId + " may no longer write to run store " + where + ": its lease lapsed and"
                            + " another host declared it lost and may have taken over its runs; it must drop its"
                            + " runs and join again");
        }
    }

    /**
     * Declares every other host whose lease lapsed lost (new epoch, not alive) and turns its active runs into orphans.
     * Nothing when this host itself may not write.
     *
     * @return the hosts declared lost by this call
     */
    List<String> reapLost(Connection c) throws SQLException {
        if (!holds(c)) {
            return List.of();
        }
        // a lapsed host whose write is still under way (or whose frozen session the server has not ended yet) is
        // skipped, not waited for: the heartbeat never waits on another host's transaction
        List<String> lapsed = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM hosts WHERE alive"
                + " AND lease_until < clock_timestamp() AND id <> ? ORDER BY id FOR UPDATE SKIP LOCKED")) {
            p.setString(1, hostId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    lapsed.add(rs.getString(1));
                }
            }
        }
        if (lapsed.isEmpty()) {
            return lapsed;
        }
        List<String> lost = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("UPDATE hosts SET epoch = epoch + 1, alive = false"
                + " WHERE id = ANY (?) RETURNING id")) {
            p.setArray(1, c.createArrayOf("text", lapsed.toArray()));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    lost.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE runs SET lost_host = exec_host"
                + " WHERE status = 'ACTIVE' AND exec_host = ANY (?) AND lost_host IS NULL")) {
            p.setArray(1, c.createArrayOf("text", lost.toArray()));
            p.executeUpdate();
        }
        return lost;
    }

    /**
     * Takes or renews {@code role} for one lease if it is free, lapsed or already this host's, provided this host
     * holds its own lease.
     */
    boolean lead(Connection c, String role) throws SQLException {
        long mine = epoch;
        if (mine == 0) {
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO roles (role, host, lease_until)"
                + " SELECT ?, h.id, " + LEASE + " FROM hosts h"
                + " WHERE h.id = ? AND h.epoch = ? AND h.alive AND h.lease_until > clock_timestamp()"
                + " ON CONFLICT (role) DO UPDATE SET host = excluded.host, lease_until = excluded.lease_until"
                + " WHERE roles.host = excluded.host OR roles.lease_until < clock_timestamp()"
                + " RETURNING host")) {
            p.setString(1, role);
            p.setLong(2, leaseMillis);
            p.setString(3, hostId);
            p.setLong(4, mine);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Gives up this host's roles, so other hosts need not wait for their leases to lapse. */
    void resign(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM roles WHERE host = ?")) {
            p.setString(1, hostId);
            p.executeUpdate();
        }
    }

    /** This host's run counter, or 0. */
    long counter(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT counter FROM host_counters WHERE id = ?")) {
            p.setString(1, hostId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    void saveCounter(Connection c, long value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO host_counters (id, counter) VALUES (?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET counter = excluded.counter")) {
            p.setString(1, hostId);
            p.setLong(2, value);
            p.executeUpdate();
        }
    }

    /**
     * Up to {@code count} other hosts, chosen at random, that are alive and whose tags include {@code required}: the
     * hosts a new pend wakes besides the one that saved it.
     */
    List<String> helpers(Connection c, List<String> required, int count) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM hosts WHERE alive"
                + " AND lease_until > clock_timestamp() AND id <> ? AND tags @> ? ORDER BY random() LIMIT ?")) {
            p.setString(1, hostId);
            p.setArray(2, c.createArrayOf("text", required.toArray()));
            p.setInt(3, count);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static List<ClusterHost> hosts(Connection c) throws SQLException {
        List<ClusterHost> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, tags, alive AND lease_until > clock_timestamp(),"
                + " lease_until FROM hosts ORDER BY id");
                ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                Array tags = rs.getArray(2);
                out.add(new ClusterHost(rs.getString(1), Arrays.asList((String[]) tags.getArray()), rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant()));
            }
        }
        return out;
    }
}
