package io.floe.engine.node.exec;

import io.floe.engine.node.PosixSpawnLauncher;
import io.floe.engine.node.TaskGuard;
import io.floe.engine.node.TaskHarness;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every exec test again, as a host runs them by default: each process started by the host's guard process. */
class ExecTaskGuardedTest extends ExecTaskTest {
    private static TaskGuard guard;

    @BeforeAll
    static void startGuard() {
        guard = TaskGuard.find(Duration.ofSeconds(30), (Path) null, "exec-test").orElseThrow();
    }

    @AfterAll
    static void closeGuard() {
        guard.close();
    }

    @Override
    TaskHarness harness(Path workspace) {
        return new TaskHarness(workspace, System.getenv(),
                PosixSpawnLauncher.load(Duration.ofSeconds(3)).orElseThrow().guardedBy(guard));
    }
}
