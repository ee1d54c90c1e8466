package io.floe.store.postgres;

import static io.floe.engine.run.TestRuns.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStoreContract;
import io.floe.engine.run.StoredRun;
import io.floe.engine.run.TestRuns;
import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.StoreBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run store contract on a real PostgreSQL server, each test on a fresh database, as host h1. */
class PostgresRunStoreContractTest extends RunStoreContract {
    @Override
    protected RunStore open(Path dir) {
        PostgresRunStore s = PostgresRunStore.open(PostgresServer.shared().newDatabase()
                .settings("h1", Duration.ofMinutes(10)));
        s.join(List.of("linux"));
        return s;
    }

    /** A shared store gives back the counter and this host's active runs, but no pends: they are claimed. */
    @Override
    @Test
    protected void recoveryGivesTheCounterAndThePendingAndActiveRunsWithTheirNodesButNotTheArchive() {
        RunRecord pend = TestRuns.pend("h1", 4, "build", T0.plusSeconds(4));
        RunRecord active = TestRuns.pend("h1", 2, "build", T0.plusSeconds(2)).activated("h1", T0.plusSeconds(3));
        RunRecord elsewhere = TestRuns.pend("h2", 7, "build", T0.plusSeconds(2)).activated("h2", T0.plusSeconds(3));
        NodeRecord running = NodeRecord.startedTask("build", T0.plusSeconds(3));
        RunRecord archived = TestRuns.archived("h1", 1, "build", T0);
        store.commit(new StoreBatch().counter(5).run(pend).run(active).node(active.id(), running).run(elsewhere)
                .run(archived).node(archived.id(), TestRuns.finishedTask("build", T0)));

        RunStore.Recovery r = store.recover();

        assertThat(r.counter()).isEqualTo(5);
        assertThat(r.pending()).isEmpty();
        assertThat(r.active()).containsExactly(new StoredRun(active, Map.of("build", running)));
    }
}
