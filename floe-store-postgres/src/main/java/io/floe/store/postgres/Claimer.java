package io.floe.store.postgres;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.SharedRunStore.Claimed;
import io.floe.engine.spi.SharedRunStore.Claims;
import io.floe.engine.store.jdbc.FlowDefinitions;
import io.floe.engine.store.jdbc.RunRows;
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
 * Claims pends and orphaned runs for this host, in one transaction (see {@link #claim}). Claims of different hosts
 * run side by side: none waits for another, and none takes a lock of the whole cluster.
 * <p>
 * First the flows of the candidates are read without locks and {@code fits} is asked about each flow. When none fits,
 * the claim ends there, having read only: it locks nothing, gets no transaction id and so writes no WAL and waits for
 * no disk at its commit (most claims are of this kind: every host is woken by every pend). Otherwise it checks and
 * key-share-locks this host's fence ({@link HostLeases#holds}) and locks the oldest fitting runs with
 * {@code FOR UPDATE SKIP LOCKED}, at most as many as it may take: hosts claiming at the same moment skip each other's
 * runs and so split a burst between them, and a run this host cannot take is never locked.
 * <p>
 * Resource tags are taken by inserting one {@code resource_leases} row per tag, whose primary key is the tag: whatever
 * the races, two runs never hold a tag at once. A run's tags are taken all or none (a savepoint per run), in sorted
 * order. Before inserting a tag, a claim takes a transaction-scoped advisory lock of that tag without waiting
 * ({@code pg_try_advisory_xact_lock}); when another claim has it, that claim is taking the tag right now and this
 * claim leaves the run for later instead of waiting on the other's uncommitted row (two claims waiting on each other's
 * rows in opposite order would only be parted by a lock timeout). A claim that gives up a tag it had locked (another
 * of the run's tags is held) wakes the cluster when it commits, so a claim that skipped the tag meanwhile looks again.
 * The only wait left is for a commit that deletes a tag's lease as its run ends, at most {@value #TAG_WAIT_MS} ms (or
 * the connection's lock timeout, if shorter), after which the run waits for the next claim.
 */
final class Claimer {
    static final long TAG_WAIT_MS = 500;
    /** The class of the advisory locks of resource tags ("flTg" in ASCII); the tag's hash is the object. */
    static final int TAG_LOCK_CLASS = 0x666c5467;
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String CANDIDATE = "(status = 'PENDING' OR lost_host IS NOT NULL)";
    private static final String BEING_TAKEN = "its resource tags are being taken by another host's claim";

    private final FlowDefinitions flows;
    private final HostLeases leases;
    private final TransactionBounds bounds;

    Claimer(FlowDefinitions flows, HostLeases leases, TransactionBounds bounds) {
        this.flows = flows;
        this.leases = leases;
        this.bounds = bounds;
    }

    /** A run locked for this claim, with the host it was orphaned by (null for a pend). */
    private record Locked(RunRecord run, long adoptedMillis, String flowHash, String lostHost) {}

    /** What this claim learnt about tags: who holds them, the runs waiting for one, and whether it gave one up. */
    private static final class Tags {
        final Map<String, String> heldBy = new HashMap<>();
        final Map<HostedRef, String> waiting = new LinkedHashMap<>();
        boolean gaveUp;
    }

    /** Runs in the caller's transaction; takes nothing when this host may not write (see {@link HostLeases}). */
    Claims claim(Connection c, Predicate<FlowConfig> fits, int max, Instant now) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        Tags tags = new Tags();
        if (max <= 0) {
            return new Claims(claimed, tags.waiting);
        }
        List<String> fitting = fittingFlows(c, fits);
        if (fitting.isEmpty() || !leases.holds(c)) {
            return new Claims(claimed, tags.waiting);
        }
        long tagWait = Math.min(TAG_WAIT_MS, bounds.lockWait().toMillis());
        try (PreparedStatement p = c.prepareStatement("SET LOCAL lock_timeout = '" + tagWait + "ms'")) {
            p.execute();
        }
        List<Locked> taken = new ArrayList<>();
        Locked after = null;
        while (taken.size() < max) {
            int want = max - taken.size();
            List<Locked> page = lock(c, fitting, after, want);
            for (Locked k : page) {
                if (takeTags(c, k.run(), tags)) {
                    taken.add(k);
                }
            }
            if (page.size() < want) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        if (taken.isEmpty()) {
            notifyIfGivenUp(c, tags);
            return new Claims(claimed, tags.waiting);
        }
        try (PreparedStatement p = c.prepareStatement(Rows.UPSERT_RUN)) {
            for (Locked k : taken) {
                RunRows.bindRun(p, mine(k.run(), now), k.flowHash(), Rows.TIMES);
                p.addBatch();
            }
            p.executeBatch();
        }
        for (Locked k : taken) {
            RunRecord mine = mine(k.run(), now);
            // a pend has no nodes yet; an orphan brings the nodes its lost host recorded
            claimed.add(new Claimed(new StoredRun(mine, k.lostHost() == null ? Map.of() : RunRows.nodes(c, mine.id())),
                    Optional.ofNullable(k.lostHost())));
        }
        notifyIfGivenUp(c, tags);
        return new Claims(claimed, tags.waiting);
    }

    private RunRecord mine(RunRecord run, Instant now) {
        String me = leases.hostId();
        return run.status() == RunStatus.PENDING
                ? run.activated(me, now)
                : new RunRecord(run.ref().withExecHost(me), run.flow(), run.trigger(), run.opts(), run.status(),
                        run.adopted(), run.started(), run.ended(), run.good(), run.endReason());
    }

    /** The hashes of the candidates' flows that this host could run now; read without locks. */
    private List<String> fittingFlows(Connection c, Predicate<FlowConfig> fits) throws SQLException {
        List<String> hashes = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT DISTINCT flow_hash FROM runs WHERE " + CANDIDATE);
                ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                hashes.add(rs.getString(1));
            }
        }
        List<String> fitting = new ArrayList<>();
        for (String hash : hashes) {
            if (fits.test(flows.load(c, hash))) {
                fitting.add(hash);
            }
        }
        return fitting;
    }

    /** Locks up to {@code limit} of the oldest candidates of these flows after {@code after}, skipping locked ones. */
    private List<Locked> lock(Connection c, List<String> flowHashes, Locked after, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + RunRows.RUN_COLUMNS + ", lost_host FROM runs"
                + " WHERE " + CANDIDATE + " AND flow_hash = ANY (?)"
                + (after == null ? "" : " AND (adopted_ms, run_host, run_n) > (?, ?, ?)")
                + " ORDER BY adopted_ms, run_host, run_n LIMIT ? FOR UPDATE SKIP LOCKED")) {
            int i = 1;
            p.setArray(i++, c.createArrayOf("text", flowHashes.toArray()));
            if (after != null) {
                p.setLong(i++, after.adoptedMillis());
                p.setString(i++, after.run().id().hostId());
                p.setLong(i++, after.run().id().id());
            }
            p.setInt(i, limit);
            List<Locked> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String hash = rs.getString(RunRows.FLOW_HASH);
                    out.add(new Locked(RunRows.readRun(rs, flows.load(c, hash)), rs.getLong("adopted_ms"), hash,
                            rs.getString(RunRows.FLOW_HASH + 1)));
                }
            }
            return out;
        }
    }

    /**
     * Takes every resource tag of the run, or none of them: true when it may run here now; otherwise notes why it
     * waits.
     */
    private boolean takeTags(Connection c, RunRecord run, Tags tags) throws SQLException {
        if (run.flow().resourceTags().isEmpty()) {
            return true;
        }
        String self = run.id().toString();
        for (String tag : run.flow().resourceTags()) {
            String known = tags.heldBy.get(tag);
            if (known != null && !known.equals(self)) {
                tags.waiting.put(run.id(), heldBy(tag, known)); // held by a run of this claim or seen held
                return false;
            }
        }
        Savepoint sp = c.setSavepoint();
        boolean locked = false;
        try {
            for (String tag : new TreeSet<>(run.flow().resourceTags())) {
                if (!tryLock(c, tag)) {
                    c.rollback(sp);
                    tags.gaveUp |= locked;
                    tags.waiting.put(run.id(), BEING_TAKEN);
                    return false;
                }
                locked = true;
                String holder = take(c, tag, run.id());
                if (!holder.equals(self)) {
                    c.rollback(sp);
                    tags.gaveUp = true;
                    tags.heldBy.put(tag, holder);
                    tags.waiting.put(run.id(), heldBy(tag, holder));
                    return false;
                }
            }
            c.releaseSavepoint(sp);
        } catch (SQLException e) {
            c.rollback(sp);
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                tags.gaveUp |= locked;
                tags.waiting.put(run.id(), BEING_TAKEN);
                return false;
            }
            throw e;
        }
        for (String tag : run.flow().resourceTags()) {
            tags.heldBy.put(tag, self);
        }
        return true;
    }

    /** Whether no other claim is taking {@code tag} right now; if so, none can until this transaction ends. */
    private static boolean tryLock(Connection c, String tag) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?, hashtext(?))")) {
            p.setInt(1, TAG_LOCK_CLASS);
            p.setString(2, tag);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Wakes every host at commit when this claim gave up a tag that another claim may have skipped meanwhile. */
    private static void notifyIfGivenUp(Connection c, Tags tags) throws SQLException {
        if (tags.gaveUp) {
            Notifications.notify(c);
        }
    }

    private static String heldBy(String tag, String run) {
        return "resource tag " + tag + " is held by run " + run;
    }

    /** Inserts the lease of {@code tag}; returns the run holding it (this one if taken now or before). */
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
