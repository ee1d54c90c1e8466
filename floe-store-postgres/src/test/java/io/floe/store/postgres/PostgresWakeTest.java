package io.floe.store.postgres;

import static io.floe.engine.run.TestRuns.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.StoreBatch;
import io.floe.store.postgres.PostgresServer.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wake-ups through LISTEN/NOTIFY: when another host saves a pend, ends a run or cancels a pend. */
class PostgresWakeTest {
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final FlowConfig FLOW = Pends.flow("build", List.of(), List.of("db"));

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

    private PostgresRunStore host(String id) {
        PostgresRunStore s = PostgresRunStore.open(db.settings(id, LEASE));
        stores.add(s);
        s.join(List.of());
        return s;
    }

    @Test
    @SuppressWarnings("try") // the subscription only has to be open
    void aHostIsWokenWhenAnotherSavesAPendEndsARunOrCancelsAPend() throws Exception {
        PostgresRunStore a = host("a");
        PostgresRunStore b = host("b");
        AtomicInteger wakes = new AtomicInteger();
        try (AutoCloseable subscription = b.listen(wakes::incrementAndGet)) {
            awaitListening("b");

            RunRecord pend = Pends.pend("a", 1, FLOW, T0);
            a.commit(new StoreBatch().run(pend));
            Await.until("b is woken by a's pend", DEADLINE, () -> wakes.get() >= 1);

            RunRecord active = a.claim(f -> true, 1, T0).claimed().get(0).run().record();
            int before = wakes.get();
            a.commit(new StoreBatch().run(active.archived(T0.plusSeconds(1), true, "end node complete")));
            Await.until("b is woken by the end of a-1", DEADLINE, () -> wakes.get() > before);

            a.commit(new StoreBatch().run(Pends.pend("a", 2, FLOW, T0.plusSeconds(2))));
            Await.until("b is woken by a's second pend", DEADLINE, () -> wakes.get() > before + 1);
            int beforeCancel = wakes.get();
            a.cancelPend(new io.floe.engine.event.HostedRef("a", 2), "cancelled by admin", T0.plusSeconds(3));
            Await.until("b is woken by the cancel", DEADLINE, () -> wakes.get() > beforeCancel);
        }
    }

    @Test
    @SuppressWarnings("try") // the subscription only has to be open
    void commitsThatChangeNoRunsStateOfInterestWakeNobody() throws Exception {
        PostgresRunStore a = host("a");
        PostgresRunStore b = host("b");
        AtomicInteger wakes = new AtomicInteger();
        RunRecord pend = Pends.pend("a", 1, FLOW, T0);
        a.commit(new StoreBatch().run(pend));
        RunRecord active = a.claim(f -> true, 1, T0).claimed().get(0).run().record();
        try (AutoCloseable subscription = b.listen(wakes::incrementAndGet)) {
            awaitListening("b");
            for (int i = 0; i < 5; i++) {
                a.commit(new StoreBatch().node(active.id(), NodeRecord.startedTask("n" + i, T0)).run(active)
                        .state("k", "v" + i));
            }
            // a marker that does wake: every wake-up before it would have been delivered first
            a.commit(new StoreBatch().run(Pends.pend("a", 2, FLOW, T0)));
            Await.until("b is woken by the marker", DEADLINE, () -> wakes.get() >= 1);
            assertThat(wakes.get()).isEqualTo(1);
        }
    }

    @Test
    void aPendWakesTwoOtherHostsWhoseTagsFitAndARunThatHeldNoResourceTagWakesNobodyWhenItEnds() throws Exception {
        Map<String, PostgresRunStore> hosts = new LinkedHashMap<>();
        for (String id : List.of("a", "b", "c", "d")) {
            PostgresRunStore s = PostgresRunStore.open(db.settings(id, LEASE));
            stores.add(s);
            s.join(id.equals("c") ? List.of("gpu") : List.of());
            hosts.put(id, s);
        }
        Map<String, AtomicInteger> wakes = new LinkedHashMap<>();
        List<AutoCloseable> subscriptions = new ArrayList<>();
        try {
            for (Map.Entry<String, PostgresRunStore> h : hosts.entrySet()) {
                AtomicInteger n = new AtomicInteger();
                wakes.put(h.getKey(), n);
                subscriptions.add(h.getValue().listen(n::incrementAndGet));
                awaitListening(h.getKey());
            }
            PostgresRunStore a = hosts.get("a");
            FlowConfig free = Pends.flow("free", List.of(), List.of());

            RunRecord pend = Pends.pend("a", 1, free, T0);
            a.commit(new StoreBatch().run(pend));
            Await.until("two hosts are woken by a's pend", DEADLINE, () -> total(wakes) >= 2);
            a.commit(new StoreBatch().run(Pends.pend("a", 2, Pends.flow("gpu", List.of("gpu"), List.of()), T0)));
            Await.until("c, the one host with tag gpu, is woken by a's gpu pend", DEADLINE,
                    () -> total(wakes) >= 3);
            RunRecord active = a.claim(f -> f.hostTags().isEmpty(), 1, T0).claimed().get(0).run().record();
            a.commit(new StoreBatch().run(active.archived(T0.plusSeconds(1), true, "end node complete")));
            // a marker that wakes every host: the wake-ups of what came before it would have been delivered first
            a.cancelPend(new io.floe.engine.event.HostedRef("a", 2), "cancelled by admin", T0.plusSeconds(2));
            Await.until("every host is woken by the cancel", DEADLINE, () -> total(wakes) >= 7);

            assertThat(total(wakes)).as("wake-ups: %s", wakes).isEqualTo(7);
            assertThat(wakes.get("a").get()).as("a saved the pends and claims by itself").isEqualTo(1);
            assertThat(wakes.get("c").get()).as("c, woken by both pends").isGreaterThanOrEqualTo(2);
        } finally {
            for (AutoCloseable s : subscriptions) {
                s.close();
            }
        }
    }

    private static int total(Map<String, AtomicInteger> wakes) {
        return wakes.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Test
    @SuppressWarnings("try") // the subscription only has to be open
    void aListenerWhoseConnectionIsCutReconnectsWakesOnceAndKeepsListening() throws Exception {
        PostgresRunStore a = host("a");
        PostgresRunStore b = host("b");
        AtomicInteger wakes = new AtomicInteger();
        try (AutoCloseable subscription = b.listen(wakes::incrementAndGet)) {
            awaitListening("b");
            int pid = listenerPid("b");

            try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement(
                    "SELECT pg_terminate_backend(?)")) {
                p.setInt(1, pid);
                p.execute();
            }

            Await.until("b listens again on a new connection", DEADLINE, () -> {
                int now = listenerPid("b");
                return now != 0 && now != pid;
            });
            Await.until("b is woken once after reconnecting (changes may have been missed)", DEADLINE,
                    () -> wakes.get() >= 1);
            int before = wakes.get();
            a.commit(new StoreBatch().run(Pends.pend("a", 1, FLOW, T0)));
            Await.until("b is woken by a pend after the reconnect", DEADLINE, () -> wakes.get() > before);
        }
    }

    @Test
    @SuppressWarnings("try") // the subscription only has to be open
    void aClosedSubscriptionIsNotWokenAndLeavesNoConnection() throws Exception {
        PostgresRunStore a = host("a");
        PostgresRunStore b = host("b");
        AtomicInteger wakes = new AtomicInteger();
        AutoCloseable subscription = b.listen(wakes::incrementAndGet);
        awaitListening("b");

        subscription.close();

        Await.until("b's wake-up connection is gone", DEADLINE, () -> listenerPid("b") == 0);
        a.commit(new StoreBatch().run(Pends.pend("a", 1, FLOW, T0))); // for b, the one other host
        // a is woken by b's pend, committed after a's: b would have been woken by a's pend by then
        AtomicInteger aWakes = new AtomicInteger();
        try (AutoCloseable other = a.listen(aWakes::incrementAndGet)) {
            awaitListening("a");
            b.commit(new StoreBatch().run(Pends.pend("b", 2, FLOW, T0)));
            Await.until("a is woken", DEADLINE, () -> aWakes.get() >= 1);
        }
        assertThat(wakes.get()).isZero();
    }

    private void awaitListening(String host) {
        Await.until(host + " listens", DEADLINE, () -> listenerPid(host) != 0);
    }

    /** The server process of the host's LISTEN connection, or 0. */
    private int listenerPid(String host) {
        try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("SELECT pid FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = ? AND query LIKE 'LISTEN%'")) {
            p.setString(1, "floe " + host + " wake-ups");
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
