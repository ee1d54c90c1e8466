package io.floe.engine.node.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.node.LocalProcessLauncher;
import io.floe.engine.node.TaskHarness;
import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import io.floe.engine.spi.TaskContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program named bare is looked up on this machine only when the launcher starts it here. */
class ProgramLookupTest {
    @TempDir
    Path dir;

    @Test
    void aLauncherForAnotherMachineGetsTheBareProgramName() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        LocalProcessLauncher local = new LocalProcessLauncher();
        ProcessLauncher remote = new ProcessLauncher() {
            @Override
            public LaunchedProcess start(ProcessSpec spec) throws IOException {
                started.add(spec.command().get(0));
                return local.start(spec);
            }

            @Override
            public boolean findsProgramsItself() {
                return true;
            }
        };
        ProcessLauncher here = spec -> {
            started.add(spec.command().get(0));
            return local.start(spec);
        };
        try (TaskHarness h = new TaskHarness(dir)) {
            for (ProcessLauncher l : List.of(here, remote)) {
                TaskContext c = h.context("exec", Map.of("cmd", "true"), List.of());
                TaskContext ctx = new TaskContext(c.run(), c.node(), c.opts(), c.env(), c.workspace(), c.out(), l,
                        c.baseEnv(), c.cacheRoot(), c.cancellation(), c.blocking(), c.scheduler());
                assertThat(new ExecTask().start(ctx).toCompletableFuture().get(30, TimeUnit.SECONDS).status())
                        .isZero();
            }
        }
        assertThat(started.get(0)).startsWith("/").endsWith("/true");
        assertThat(started.get(1)).isEqualTo("true");
    }
}
