package io.floe.store.postgres;

import static io.floe.engine.run.TestRuns.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.spi.SharedRunStore.Claimed;
import io.floe.engine.spi.SharedRunStore.Claims;
import io.floe.engine.spi.StoreBatch;
import io.floe.store.postgres.PostgresServer.TestDatabase;
import io.floe.store.postgres.cluster.FreezingProxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claiming pends from several hosts of one database: host tags, resource tags, cancelling. */
class PostgresClaimTest {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final FlowConfig USES_DB = Pends.flow("uses-db", List.of(), List.of("db"));
    private static final FlowConfig USES_DB_AND_CACHE = Pends.flow("uses-db-cache", List.of(), List.of("cache", "db"));
    private static final FlowConfig FREE = Pends.flow("free", List.of(), List.of());
    private static final FlowConfig NEEDS_GPU = Pends.flow("needs-gpu", List.of("gpu"), List.of());

    private TestDatabase db;
    private final List<PostgresRunStore> stores = new ArrayList<>();

    @BeforeEach
    void newDatabase() {
        db = PostgresServer.shared().newDatabase();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(PostgresRunStore::close);
    }

    private PostgresRunStore host(String id, String... tags) {
        PostgresRunStore s = PostgresRunStore.open(db.settings(id, LEASE));
        stores.add(s);
        s.join(List.of(tags));
        return s;
    }

    @Test
    void aClaimedPendIsActiveOnTheClaimingHostAndNoLongerClaimable() {
        PostgresRunStore a = host("a");
        PostgresRunStore b = host("b");
        RunRecord pend = Pends.pend("a", 1, FREE, T0);
        a.commit(new StoreBatch().counter(1).run(pend));
        Instant now = T0.plusSeconds(5);

        Claims claims = b.claim(f -> true, 10, now);

        assertThat(claims.claimed()).hasSize(1);
        Claimed c = claims.claimed().get(0);
        assertThat(c.lostHost()).isEmpty();
        assertThat(c.run().record()).isEqualTo(pend.activated("b", now));
        assertThat(c.run().nodes()).isEmpty();
        assertThat(a.find(pend.id()).orElseThrow().record().status()).isEqualTo(RunStatus.ACTIVE);
        assertThat(a.claim(f -> true, 10, now).claimed()).isEmpty();
        assertThat(b.recover().active()).extracting(r -> r.record().id()).containsExactly(pend.id());
        assertThat(a.recover().active()).isEmpty();
        assertThat(a.recover().counter()).isEqualTo(1);
        assertThat(b.recover().counter()).isZero();
    }

    @Test
    void pendsAreClaimedOldestFirstUpToTheMaximum() {
        PostgresRunStore a = host("a");
        a.commit(new StoreBatch().run(Pends.pend("a", 3, FREE, T0.plusSeconds(3)))
                .run(Pends.pend("a", 1, FREE, T0.plusSeconds(1))).run(Pends.pend("b", 2, FREE, T0.plusSeconds(2))));

        assertThat(ids(a.claim(f -> true, 2, T0))).containsExactly("a-1", "b-2");
        assertThat(ids(a.claim(f -> true, 2, T0))).containsExactly("a-3");
    }

    @Test
    void aHostClaimsOnlyFlowsItsTagsFitAndLeavesTheRestForOthers() {
        PostgresRunStore plain = host("plain", "linux");
        PostgresRunStore gpu = host("gpu", "linux", "gpu");
        plain.commit(new StoreBatch().run(Pends.pend("plain", 1, NEEDS_GPU, T0))
                .run(Pends.pend("plain", 2, FREE, T0.plusSeconds(1))));

        Claims byPlain = plain.claim(Pends.hostWith("linux"), 10, T0);
        assertThat(ids(byPlain)).containsExactly("plain-2");
        assertThat(byPlain.waiting()).isEmpty(); // it could not run the gpu flow at all

        assertThat(ids(gpu.claim(Pends.hostWith("linux", "gpu"), 10, T0))).containsExactly("plain-1");
        assertThat(plain.find(new HostedRef("plain", 1)).orElseThrow().record().ref().execHost()).isEqualTo("gpu");
    }

    @Test
    void aPendWaitsWhileAnotherRunHoldsOneOfItsResourceTagsAndIsClaimedOnceItEnds() {
        PostgresRunStore a = host("a");
        PostgresRunStore b = host("b");
        a.commit(new StoreBatch().run(Pends.pend("a", 1, USES_DB, T0)).run(Pends.pend("a", 2, USES_DB_AND_CACHE,
                T0.plusSeconds(1))).run(Pends.pend("a", 3, FREE, T0.plusSeconds(2))));

        assertThat(ids(a.claim(f -> true, 1, T0))).containsExactly("a-1");
        Claims second = b.claim(f -> true, 10, T0);
        assertThat(ids(second)).containsExactly("a-3");
        assertThat(second.waiting()).containsExactly(Map.entry(new HostedRef("a", 2),
                "resource tag db is held by run a-1"));
        assertThat(leases()).containsExactly(Map.entry("db", "a-1"));

        RunRecord first = a.find(new HostedRef("a", 1)).orElseThrow().record();
        a.commit(new StoreBatch().run(first.archived(T0.plusSeconds(9), true, "end node complete")));
        assertThat(leases()).isEmpty();

        Claims third = b.claim(f -> true, 10, T0.plusSeconds(10));
        assertThat(ids(third)).containsExactly("a-2");
        assertThat(third.waiting()).isEmpty();
        assertThat(leases()).containsOnly(Map.entry("cache", "a-2"), Map.entry("db", "a-2"));
    }

    @Test
    void aRunWhoseTagsAreOnlyPartlyFreeTakesNoneOfThem() {
        PostgresRunStore a = host("a");
        FlowConfig usesCache = Pends.flow("uses-cache", List.of(), List.of("cache"));
        a.commit(new StoreBatch().run(Pends.pend("a", 1, usesCache, T0))
                .run(Pends.pend("a", 2, USES_DB_AND_CACHE, T0.plusSeconds(1)))
                .run(Pends.pend("a", 3, USES_DB, T0.plusSeconds(2))));

        Claims claims = a.claim(f -> true, 10, T0);

        // a-2 takes neither db nor cache, so a-3 gets db
        assertThat(ids(claims)).containsExactly("a-1", "a-3");
        assertThat(claims.waiting()).containsExactly(Map.entry(new HostedRef("a", 2),
                "resource tag cache is held by run a-1"));
        assertThat(leases()).containsOnly(Map.entry("cache", "a-1"), Map.entry("db", "a-3"));
    }

    @Test
    void aCancelledPendIsArchivedBadAndNeverClaimed() {
        PostgresRunStore a = host("a");
        PostgresRunStore b = host("b");
        RunRecord pend = Pends.pend("a", 1, FREE, T0);
        RunRecord other = Pends.pend("a", 2, FREE, T0.plusSeconds(1));
        a.commit(new StoreBatch().run(pend).run(other));
        Instant when = T0.plusSeconds(3);

        Optional<RunRecord> cancelled = b.cancelPend(pend.id(), "cancelled by admin", when);

        assertThat(cancelled).contains(pend.archived(when, false, "cancelled by admin"));
        assertThat(a.find(pend.id()).orElseThrow().record()).isEqualTo(cancelled.get());
        assertThat(b.cancelPend(pend.id(), "again", when)).isEmpty();
        assertThat(ids(a.claim(f -> true, 10, when))).containsExactly("a-2");
        assertThat(a.cancelPend(other.id(), "too late", when)).isEmpty(); // active now
        assertThat(a.cancelPend(new HostedRef("a", 99), "unknown", when)).isEmpty();
        // a late write of the pend by the host that adopted it does not bring it back
        a.commit(new StoreBatch().run(pend));
        assertThat(a.find(pend.id()).orElseThrow().record()).isEqualTo(cancelled.get());
    }

    @Test
    void aClaimThatFindsNothingItMayTakeLocksNothingSoItsCommitWritesNothing() throws SQLException {
        PostgresRunStore a = host("a");
        PostgresRunStore b = host("b", "linux");
        a.commit(new StoreBatch().run(Pends.pend("a", 1, NEEDS_GPU, T0)));

        assertThat(b.claim(Pends.hostWith("linux"), 10, T0).claimed()).isEmpty();
        a.commit(new StoreBatch().run(Pends.pend("a", 1, NEEDS_GPU, T0).archived(T0, false, "cancelled")));
        assertThat(b.claim(Pends.hostWith("linux"), 10, T0).claimed()).isEmpty();

        // a row lock (here the fence's key-share lock of b's row) gives the transaction an id and marks the row with
        // it, and then its commit is a WAL record waited for on disk: a claim that takes nothing must not cost that
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(
                "SELECT xmax::text FROM hosts WHERE id = 'b'"); ResultSet rs = p.executeQuery()) {
            rs.next();
            assertThat(rs.getString(1)).as("the transaction id that last locked b's row").isEqualTo("0");
        }
    }

    @Test
    void claimsOfTwoHostsRunSideBySideAndOneFrozenInsideItsClaimHoldsUpNoOther() throws Exception {
        try (FreezingProxy proxy = new FreezingProxy(PostgresServer.shared().port())) {
            // statement texts go over the wire, so the proxy sees a's tag insert
            String url = db.url().replace(":" + PostgresServer.shared().port() + "/", ":" + proxy.port() + "/")
                    + "?prepareThreshold=0";
            Duration lease = Duration.ofSeconds(20); // its transaction bounds: 5 s, longer than this test needs
            PostgresRunStore a = PostgresRunStore.open(new io.floe.engine.spi.StoreSettings("postgres", null, url,
                    db.user(), db.password(), "a", lease));
            stores.add(a);
            a.join(List.of());
            PostgresRunStore b = PostgresRunStore.open(db.settings("b", lease));
            stores.add(b);
            b.join(List.of());
            a.commit(new StoreBatch().run(Pends.pend("a", 1, USES_DB, T0.plusSeconds(1)))
                    .run(Pends.pend("a", 2, FREE, T0.plusSeconds(2)))
                    .run(Pends.pend("a", 3, USES_DB_AND_CACHE, T0.plusSeconds(3)))
                    .run(Pends.pend("a", 4, FREE, T0.plusSeconds(4))));

            // a stops dead inside its claim of a-1, having inserted the lease of db (not committed)
            proxy.freezeAfter("INSERT INTO resource_leases");
            ExecutorService frozen = Executors.newSingleThreadExecutor();
            try {
                frozen.submit(() -> a.claim(f -> true, 1, T0));
                proxy.awaitFrozen(Duration.ofSeconds(30));

                Claims byB = b.claim(f -> true, 10, T0.plusSeconds(5));

                assertThat(ids(byB)).containsExactly("a-2", "a-4");
                assertThat(byB.waiting()).containsExactly(Map.entry(new HostedRef("a", 3),
                        "its resource tags are being taken by another host's claim"));
                assertThat(count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'floe a'"
                        + " AND state = 'idle in transaction'")).as("a is still inside its claim").isEqualTo(1);
                assertThat(leases()).as("a's lease of db is not committed; b took no tag").isEmpty();
            } finally {
                proxy.close(); // a's connections drop; the server rolls its claim back
                frozen.shutdownNow();
            }
            Await.until("a's claim is rolled back", Duration.ofSeconds(30),
                    () -> count("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'floe a'") == 0);
            Claims after = b.claim(f -> true, 10, T0.plusSeconds(6));
            assertThat(ids(after)).containsExactly("a-1");
            assertThat(after.waiting()).containsExactly(Map.entry(new HostedRef("a", 3),
                    "resource tag db is held by run a-1"));
            assertThat(leases()).containsOnly(Map.entry("db", "a-1"));
        }
    }

    @Test
    void manyClaimsAtOnceFromThreeHostsNeverLetTwoRunsHoldATag() throws Exception {
        int tagged = 40;
        int free = 20;
        Map<String, PostgresRunStore> hosts = Map.of("a", host("a", "gpu"), "b", host("b"), "c", host("c"));
        StoreBatch pends = new StoreBatch();
        for (int i = 1; i <= tagged + free; i++) {
            FlowConfig flow = i <= tagged ? (i % 3 == 0 ? USES_DB_AND_CACHE : USES_DB) : i % 2 == 0 ? NEEDS_GPU : FREE;
            pends.run(Pends.pend("a", i, flow, T0.plusMillis(i)));
        }
        hosts.get("a").commit(pends);

        Map<HostedRef, String> claimedBy = new ConcurrentHashMap<>();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (String h : hosts.keySet()) {
                for (int t = 0; t < 2; t++) {
                    workers.add(pool.submit(() -> work(h, hosts.get(h), claimedBy, problems)));
                }
            }
            for (Future<?> w : workers) {
                w.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(problems).isEmpty();
        assertThat(claimedBy).hasSize(tagged + free);
        assertThat(count("SELECT count(*) FROM runs WHERE status = 'ARCHIVED'")).isEqualTo(tagged + free);
        assertThat(count("SELECT count(*) FROM runs WHERE flow_id = 'needs-gpu' AND exec_host <> 'a'")).isZero();
        assertThat(leases()).isEmpty();
        assertThat(claimedBy.values()).contains("a", "b", "c");
    }

    /**
     * A host's worker, as a hub would claim: claims, checks while its db run is active that no other db run is, then
     * ends it; with nothing to claim it waits for a wake-up (a run ended somewhere).
     */
    @SuppressWarnings("try") // the subscription only has to be open
    private Void work(String me, PostgresRunStore h, Map<HostedRef, String> claimedBy, List<String> problems)
            throws Exception {
        Semaphore woken = new Semaphore(0);
        try (Connection check = db.connect(); AutoCloseable subscription = h.listen(woken::release)) {
            while (count(check, "SELECT count(*) FROM runs WHERE status <> 'ARCHIVED'") > 0) {
                woken.drainPermits();
                Claims claims = h.claim(me.equals("a") ? f -> true : Pends.hostWith(), 3, Instant.now());
                if (claims.claimed().isEmpty()) {
                    woken.tryAcquire(200, TimeUnit.MILLISECONDS);
                }
                for (Claimed c : claims.claimed()) {
                    RunRecord r = c.run().record();
                    if (claimedBy.put(r.id(), r.ref().execHost()) != null) {
                        problems.add(r.id() + " was claimed twice");
                    }
                    if (r.flow().resourceTags().contains("db")) {
                        long active = count(check, "SELECT count(*) FROM runs WHERE status = 'ACTIVE'"
                                + " AND flow_id IN ('uses-db', 'uses-db-cache')");
                        if (active != 1) {
                            problems.add(active + " runs holding db were active with " + r.id());
                        }
                    }
                    h.commit(new StoreBatch().node(r.id(), NodeRecord.startedTask("build", Instant.now()))
                            .run(r.archived(Instant.now(), true, "end node complete on " + me)));
                }
            }
        }
        return null;
    }

    private Map<String, String> leases() {
        Map<String, String> out = new HashMap<>();
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(
                "SELECT tag, run_host, run_n FROM resource_leases"); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2) + "-" + rs.getLong(3));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private long count(String sql) {
        try (Connection c = db.connect()) {
            return count(c, sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> ids(Claims claims) {
        return claims.claimed().stream().map(c -> c.run().record().id().toString()).toList();
    }
}
