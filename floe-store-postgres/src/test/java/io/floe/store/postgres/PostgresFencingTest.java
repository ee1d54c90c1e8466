package io.floe.store.postgres;

import static io.floe.engine.run.TestRuns.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.Await;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoredRun;
import io.floe.engine.spi.FencedException;
import io.floe.engine.spi.SharedRunStore.Claimed;
import io.floe.engine.spi.SharedRunStore.ClusterHost;
import io.floe.engine.spi.StoreBatch;
import io.floe.store.postgres.PostgresServer.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host leases with a short lease (2 s): a host that stops renewing is declared lost by another, can no longer write,
 * and its runs are taken over; cluster roles pass on the same way. The machine running the tests may be slow, so a
 * host that must stay alive renews (or joins again) right before it is needed.
 */
class PostgresFencingTest {
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final FlowConfig USES_DB = Pends.flow("uses-db", List.of(), List.of("db"));

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

    /** Renews the host's lease, or joins again if the machine was too slow to renew it in time. */
    private static void keepAlive(PostgresRunStore s, String... tags) {
        if (!s.renew()) {
            s.join(List.of(tags));
        }
    }

    /** Keeps {@code survivor} alive until it has declared {@code lost} lost. */
    private static void reapedBy(PostgresRunStore survivor, String lost, String... survivorTags) {
        List<String> declared = new ArrayList<>();
        Await.until(lost + " is declared lost", DEADLINE, () -> {
            keepAlive(survivor, survivorTags);
            declared.addAll(survivor.reapLostHosts());
            return declared.contains(lost);
        });
        assertThat(declared).containsExactly(lost);
    }

    @Test
    void aHostWhoseLeaseLapsedIsFencedAndItsActiveRunsAreTakenOverByAnother() {
        PostgresRunStore b = host("b", "linux");
        PostgresRunStore a = host("a", "linux");
        RunRecord pend = Pends.pend("a", 1, USES_DB, T0);
        a.commit(new StoreBatch().counter(1).run(pend));
        RunRecord active = a.claim(f -> true, 1, T0.plusSeconds(1)).claimed().get(0).run().record();
        NodeRecord running = NodeRecord.startedTask("build", T0.plusSeconds(2));
        a.commit(new StoreBatch().node(active.id(), running));

        // a stops renewing (it hangs, or lost its network); b keeps renewing and declares it lost
        reapedBy(b, "a", "linux");
        assertThat(b.reapLostHosts()).isEmpty(); // declared once

        NodeRecord late = NodeRecord.startedTask("test", T0.plusSeconds(3));
        assertThatThrownBy(() -> a.commit(new StoreBatch().counter(2).node(active.id(), late)
                .run(Pends.pend("a", 2, USES_DB, T0.plusSeconds(3)))))
                .isInstanceOf(FencedException.class)
                .hasMessageContaining("host a may no longer write to run store " + db.url())
                .hasMessageContaining("join again");
        assertThat(a.renew()).isFalse();
        assertThat(a.claim(f -> true, 10, T0).claimed()).isEmpty();
        assertThat(a.lead("triggers")).isFalse();
        assertThatThrownBy(() -> a.cancelPend(new HostedRef("a", 1), "x", T0)).isInstanceOf(FencedException.class);
        // nothing of the refused batch was written
        assertThat(b.find(active.id()).orElseThrow().nodes()).containsOnlyKeys("build");
        assertThat(b.find(new HostedRef("a", 2))).isEmpty();
        assertThat(hosts(b)).containsEntry("a", false).containsEntry("b", true);

        keepAlive(b, "linux");
        List<Claimed> taken = b.claim(f -> true, 10, T0.plusSeconds(5)).claimed();

        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).lostHost()).contains("a");
        StoredRun run = taken.get(0).run();
        assertThat(run.record().ref().execHost()).isEqualTo("b");
        assertThat(run.record().status()).isEqualTo(RunStatus.ACTIVE);
        assertThat(run.record().started()).isEqualTo(active.started());
        assertThat(run.nodes()).isEqualTo(Map.of("build", running));
        assertThat(b.recover().active()).containsExactly(run);
        assertThat(b.claim(f -> true, 10, T0).claimed()).isEmpty();
        // the run keeps its resource tag through the takeover
        assertThat(b.find(active.id()).orElseThrow().record().ref().execHost()).isEqualTo("b");

        // a comes back: it joins again and may write, but the run it lost is b's now
        a.join(List.of("linux"));
        assertThat(a.renew()).isTrue();
        assertThat(a.recover().active()).isEmpty();
        assertThat(a.recover().counter()).isEqualTo(1);
        a.commit(new StoreBatch().counter(2).run(Pends.pend("a", 2, USES_DB, T0.plusSeconds(6))));
        assertThat(a.claim(f -> true, 10, T0).waiting()).containsExactly(Map.entry(new HostedRef("a", 2),
                "resource tag db is held by run a-1"));
        assertThat(hosts(b)).containsEntry("a", true);
    }

    @Test
    void orphansWaitForAHostWhoseTagsFitThem() {
        PostgresRunStore b = host("b");
        PostgresRunStore c = PostgresRunStore.open(db.settings("c", LEASE));
        stores.add(c);
        PostgresRunStore a = host("a", "gpu");
        a.commit(new StoreBatch().run(Pends.pend("a", 1, Pends.flow("gpu-job", List.of("gpu"), List.of()), T0)));
        assertThat(a.claim(Pends.hostWith("gpu"), 1, T0).claimed()).hasSize(1);

        reapedBy(b, "a");

        assertThat(b.claim(Pends.hostWith(), 10, T0).claimed()).isEmpty();
        c.join(List.of("gpu"));
        List<Claimed> taken = c.claim(Pends.hostWith("gpu"), 10, T0).claimed();
        assertThat(taken).extracting(Claimed::lostHost).containsExactly(Optional.of("a"));
    }

    @Test
    void aHostWhoseLeaseLapsedButThatNobodyDeclaredLostKeepsItsRunsAndRenews() {
        PostgresRunStore a = host("a");
        RunRecord pend = Pends.pend("a", 1, USES_DB, T0);
        a.commit(new StoreBatch().run(pend));

        Await.until("a's lease lapsed", DEADLINE, () -> hosts(a).get("a") == Boolean.FALSE);

        a.commit(new StoreBatch().counter(9)); // nobody took anything of a's: its writes are still its own
        assertThat(a.renew()).isTrue();
        assertThat(hosts(a).get("a")).isTrue();
        assertThat(a.recover().counter()).isEqualTo(9);
        assertThat(a.claim(Pends.hostWith(), 10, T0).claimed()).extracting(c -> c.run().record().id())
                .containsExactly(pend.id());
    }

    @Test
    void aRoleIsHeldByOneHostAtATimeAndPassesOnWhenItsHolderStopsRenewingIt() {
        PostgresRunStore a = host("a");
        PostgresRunStore b = host("b");
        keepAlive(a);

        assertThat(a.lead("triggers")).isTrue();
        assertThat(b.lead("triggers")).isFalse();
        assertThat(b.lead("polls")).isTrue(); // roles are independent
        assertThat(a.lead("triggers")).isTrue(); // renewed

        Await.until("b takes the role a stopped renewing", DEADLINE, () -> {
            keepAlive(a); // a stays alive, only its role lapses
            keepAlive(b);
            return b.lead("triggers");
        });
        assertThat(a.lead("triggers")).isFalse();

        b.close(); // a host that closes gives its roles up at once
        keepAlive(a);
        assertThat(a.lead("triggers")).isTrue();
        assertThat(a.lead("polls")).isTrue();
    }

    @Test
    void writesBeforeJoiningAreRefused() {
        PostgresRunStore s = PostgresRunStore.open(db.settings("late", LEASE));
        stores.add(s);

        assertThatThrownBy(() -> s.commit(new StoreBatch().counter(1)))
                .isInstanceOf(FencedException.class)
                .hasMessageContaining("host late has not joined run store");
        assertThat(s.renew()).isFalse();
        assertThat(s.lead("triggers")).isFalse();
        assertThat(s.claim(f -> true, 1, T0).claimed()).isEmpty();
    }

    private static Map<String, Boolean> hosts(PostgresRunStore s) {
        Map<String, Boolean> out = new java.util.TreeMap<>();
        for (ClusterHost h : s.hosts()) {
            out.put(h.hostId(), h.alive());
        }
        return out;
    }
}
