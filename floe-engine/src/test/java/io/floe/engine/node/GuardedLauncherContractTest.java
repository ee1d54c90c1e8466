package io.floe.engine.node;

import io.floe.engine.spi.ProcessLauncher;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** A guarded launcher keeps the whole launcher contract, for both launchers. */
class GuardedLauncherContractTest {
    private final TaskGuard guard = TaskGuard.find(Duration.ofSeconds(30), (Path) null, "contract").orElseThrow();
    /** With a grace period: tasks can be detached on a planned restart (the guard process spools their output). */
    private final TaskGuard durable;
    /** A host that runs one run ({@code floe run}): each task under a {@code bash} watcher of its own. */
    private final TaskGuard eachAlone = TaskGuard.find(Duration.ofSeconds(30), (Path) null, "contract").orElseThrow();

    GuardedLauncherContractTest() throws java.io.IOException {
        durable = TaskGuard.find(Duration.ofSeconds(30), Duration.ofMinutes(10),
                java.nio.file.Files.createTempDirectory("floe-ledger"), "contract").orElseThrow();
        eachAlone.watchEachTaskAlone();
    }

    @AfterEach
    void close() {
        guard.close();
        durable.close();
        eachAlone.close();
    }

    @Nested
    class EachTaskAlonePosixSpawn extends ProcessLauncherContract {
        @Override
        ProcessLauncher launcher(Duration killGrace) {
            return PosixSpawnLauncher.load(killGrace).orElseThrow().guardedBy(eachAlone);
        }
    }

    @Nested
    class EachTaskAloneWithProcessBuilder extends ProcessLauncherContract {
        @Override
        ProcessLauncher launcher(Duration killGrace) {
            return new LocalProcessLauncher(killGrace).guardedBy(eachAlone);
        }
    }

    @Nested
    class DurablePosixSpawn extends ProcessLauncherContract {
        @Override
        ProcessLauncher launcher(Duration killGrace) {
            return PosixSpawnLauncher.load(killGrace).orElseThrow().guardedBy(durable);
        }
    }

    @Nested
    class DurableWithProcessBuilder extends ProcessLauncherContract {
        @Override
        ProcessLauncher launcher(Duration killGrace) {
            return new LocalProcessLauncher(killGrace).guardedBy(durable);
        }
    }

    @Nested
    class PosixSpawn extends ProcessLauncherContract {
        @Override
        ProcessLauncher launcher(Duration killGrace) {
            return PosixSpawnLauncher.load(killGrace).orElseThrow().guardedBy(guard);
        }
    }

    @Nested
    class WithProcessBuilder extends ProcessLauncherContract {
        @Override
        ProcessLauncher launcher(Duration killGrace) {
            return new LocalProcessLauncher(killGrace).guardedBy(guard);
        }
    }
}
