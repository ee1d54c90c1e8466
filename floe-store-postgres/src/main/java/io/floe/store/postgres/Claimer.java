package io.floe.store.postgres;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.FlowDefinitions;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunRows;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.SharedRunStore.Claimed;
import io.floe.engine.run.SharedRunStore.Claims;
import io.floe.engine.run.StoreException;
import io.floe.engine.run.StoredRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Claims pends and orphaned runs for this host, in one transaction (see {@link #claim}).
 * <p>
 * Candidates are read oldest first without locks, and {@code fits} is asked about each; only a run this host would
 * take is then locked, with {@code FOR UPDATE SKIP LOCKED}, so a run being cancelled or written at that moment is
 * skipped rather than waited for, and a run this host cannot take is never locked (another host that fits it is not
 * made to skip it). Resource tags are taken by inserting one {@code resource_leases} row per tag, whose primary key
 * is the tag: whatever the races, two runs never hold a tag at once. A run's tags are taken all or none (a savepoint
 * per run), in sorted order.
 * <p>
 * Claims of the cluster take turns: each holds a transaction-scoped advisory lock ({@value #CLAIM_LOCK_CLASS},
 * {@value #CLAIM_LOCK_ID}) while it runs. Claims running side by side would wait on each other's uncommitted tag
 * inserts, in cycles (one holds {@code db} and wants {@code cache}, the other the reverse), each broken only by a
 * lock timeout, and a run given up that way might wait until the next wake-up; taking turns costs a few milliseconds
 * per claim and leaves only short waits for commits that release tags. Every wait is bounded, so no host holds the
 * turn across a long one and no host waits long for it: a run whose tag could not be had within
 * {@value #TAG_WAIT_MS} ms (or the connection's lock timeout, if shorter) waits for the next claim, and a claim that
 * cannot have the turn within the lock timeout fails and is made again later (a host frozen while it holds the turn
 * has its session ended by the server, see {@link TransactionBounds}).
 */
final class Claimer {
    static final long TAG_WAIT_MS = 500;
    /** The advisory lock of claims: "floe" in ASCII, and 1 for claims. */
    static final int CLAIM_LOCK_CLASS = 0x666c6f65;
    static final int CLAIM_LOCK_ID = 1;
    private static final int PAGE = 500;
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String CANDIDATE = "(status = 'PENDING' OR lost_host IS NOT NULL)";

    private final String hostId;
    private final FlowDefinitions flows;
    private final TransactionBounds bounds;
    private final String where;

    Claimer(String hostId, FlowDefinitions flows, TransactionBounds bounds, String where) {
        this.hostId = hostId;
        this.flows = flows;
        this.bounds = bounds;
        this.where = where;
    }

    /** A candidate as first read, before it is locked. */
    private record Candidate(HostedRef id, long adoptedMillis, String flowHash) {}

    /** What this claim learnt about tags: who holds them, and the runs waiting for one. */
    private static final class Tags {
        final Map<String, String> heldBy = new HashMap<>();
        final Map<HostedRef, String> waiting = new LinkedHashMap<>();
    }

    /** Runs in the caller's transaction, after the caller checked that this host holds its lease. */
    Claims claim(Connection c, Predicate<FlowConfig> fits, int max, Instant now) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        Tags tags = new Tags();
        if (max <= 0) {
            return new Claims(claimed, tags.waiting);
        }
        takeTurn(c);
        long tagWait = Math.min(TAG_WAIT_MS, bounds.lockWait().toMillis());
        try (PreparedStatement p = c.prepareStatement("SET LOCAL lock_timeout = '" + tagWait + "ms'")) {
            p.execute();
        }
        Candidate after = null;
        while (claimed.size() < max) {
            List<Candidate> page = candidates(c, after);
            for (Candidate k : page) {
                if (claimed.size() >= max) {
                    break;
                }
                if (fits.test(flows.load(c, k.flowHash()))) {
                    take(c, k, now, tags).ifPresent(claimed::add);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        return new Claims(claimed, tags.waiting);
    }

    /** Waits (within the connection's lock timeout) for the cluster's claim turn, held until the transaction ends. */
    private void takeTurn(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            p.setInt(1, CLAIM_LOCK_CLASS);
            p.setInt(2, CLAIM_LOCK_ID);
            p.execute();
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new StoreException("host " + hostId + " could not claim runs from run store " + where
                        + ": another host's claim held the cluster's claim turn for more than "
                        + bounds.lockWait().toMillis() + " ms (a host frozen inside its claim is cut off by the"
                        + " server after " + bounds.idleInTransaction().toMillis() + " ms); claiming again later");
            }
            throw e;
        }
    }

    private static List<Candidate> candidates(Connection c, Candidate after) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT run_host, run_n, adopted_ms, flow_hash FROM runs"
                + " WHERE " + CANDIDATE + (after == null ? "" : " AND (adopted_ms, run_host, run_n) > (?, ?, ?)")
                + " ORDER BY adopted_ms, run_host, run_n LIMIT " + PAGE)) {
            if (after != null) {
                p.setLong(1, after.adoptedMillis());
                p.setString(2, after.id().hostId());
                p.setLong(3, after.id().id());
            }
            List<Candidate> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Candidate(new HostedRef(rs.getString(1), rs.getLong(2)), rs.getLong(3),
                            rs.getString(4)));
                }
            }
            return out;
        }
    }

    /** Locks the run, takes its tags and makes it active here; empty when it is gone, locked or waits for a tag. */
    private Optional<Claimed> take(Connection c, Candidate k, Instant now, Tags tags) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            Optional<Locked> locked = lock(c, k.id());
            if (locked.isEmpty()) {
                c.rollback(sp);
                return Optional.empty(); // claimed, cancelled or being claimed by another host just now
            }
            RunRecord run = locked.get().run();
            Optional<String> conflict = takeTags(c, run, tags);
            if (conflict.isPresent()) {
                c.rollback(sp);
                tags.waiting.put(run.id(), conflict.get());
                return Optional.empty();
            }
            RunRecord mine = run.status() == RunStatus.PENDING
                    ? run.activated(hostId, now)
                    : new RunRecord(run.ref().withExecHost(hostId), run.flow(), run.trigger(), run.opts(),
                            run.status(), run.adopted(), run.started(), run.ended(), run.good(), run.endReason());
            try (PreparedStatement p = c.prepareStatement(Rows.UPSERT_RUN)) {
                RunRows.bindRun(p, mine, k.flowHash(), Rows.TIMES);
                p.executeUpdate();
            }
            c.releaseSavepoint(sp);
            for (String tag : run.flow().resourceTags()) {
                tags.heldBy.put(tag, run.id().toString());
            }
            return Optional.of(new Claimed(new StoredRun(mine, RunRows.nodes(c, mine.id())),
                    Optional.ofNullable(locked.get().lostHost())));
        } catch (SQLException e) {
            c.rollback(sp);
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                tags.waiting.put(k.id(), "its resource tags are being taken by another host's claim");
                return Optional.empty();
            }
            throw e;
        }
    }

    private record Locked(RunRecord run, String lostHost) {}

    private Optional<Locked> lock(Connection c, HostedRef id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + RunRows.RUN_COLUMNS + ", lost_host FROM runs"
                + " WHERE run_host = ? AND run_n = ? AND " + CANDIDATE + " FOR UPDATE SKIP LOCKED")) {
            p.setString(1, id.hostId());
            p.setLong(2, id.id());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                RunRecord run = RunRows.readRun(rs, flows.load(c, rs.getString(RunRows.FLOW_HASH)));
                return Optional.of(new Locked(run, rs.getString(RunRows.FLOW_HASH + 1)));
            }
        }
    }

    /** Takes every resource tag of the run, or returns why it cannot (and the caller rolls back what it took). */
    private static Optional<String> takeTags(Connection c, RunRecord run, Tags tags) throws SQLException {
        String self = run.id().toString();
        for (String tag : new TreeSet<>(run.flow().resourceTags())) {
            String known = tags.heldBy.get(tag);
            if (known != null && !known.equals(self)) {
                return Optional.of(heldBy(tag, known));
            }
            String holder = take(c, tag, run.id());
            if (holder != null && !holder.equals(self)) {
                tags.heldBy.put(tag, holder);
                return Optional.of(heldBy(tag, holder));
            }
        }
        return Optional.empty();
    }

    private static String heldBy(String tag, String run) {
        return "resource tag " + tag + " is held by run " + run;
    }

    /** Inserts the lease of {@code tag}; returns the run holding it (this one if taken now or before), or null. */
    private static String take(Connection c, String tag, HostedRef run) throws SQLException {
        for (int attempt = 0; attempt < 3; attempt++) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO resource_leases (tag, run_host, run_n)"
                    + " VALUES (?, ?, ?) ON CONFLICT (tag) DO NOTHING")) {
                p.setString(1, tag);
                p.setString(2, run.hostId());
                p.setLong(3, run.id());
                if (p.executeUpdate() == 1) {
                    return run.toString();
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT run_host, run_n FROM resource_leases WHERE tag = ?")) {
                p.setString(1, tag);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return new HostedRef(rs.getString(1), rs.getLong(2)).toString();
                    }
                }
            }
            // released between the insert and the look-up: try again
        }
        return "another run";
    }
}
