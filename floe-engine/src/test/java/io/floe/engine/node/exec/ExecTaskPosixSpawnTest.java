package io.floe.engine.node.exec;

import io.floe.engine.node.PosixSpawnLauncher;
import io.floe.engine.node.TaskHarness;
import java.nio.file.Path;
import java.time.Duration;

/** Every exec test again, with the processes started by C's posix_spawn instead of ProcessBuilder. */
class ExecTaskPosixSpawnTest extends ExecTaskTest {
    @Override
    TaskHarness harness(Path workspace) {
        return new TaskHarness(workspace, System.getenv(),
                PosixSpawnLauncher.load(Duration.ofSeconds(3)).orElseThrow());
    }
}
