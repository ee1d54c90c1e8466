package io.floe.engine.node.exec;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import io.floe.engine.spi.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code exec} task: runs a program ({@code cmd}) or a bash script ({@code shell}) with optional {@code args},
 * in the workspace or its {@code sub-dir}, with the flow, event and node {@code env}. Its status is the exit code
 * (floe-spec §4.5, §2.9; DESIGN.md "Decisions" for what changed).
 */
public final class ExecTask implements TaskType {
    /** Checks {@code sub-dir} for climbing out without a real workspace at hand. */
    private static final Workspace SOME_WORKSPACE = new Workspace(Path.of("/floe-check/ws"));

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public List<String> check(NodeConfig node) {
        List<String> problems = new ArrayList<>();
        if (ExecCommand.from(node.opts()).isEmpty()) {
            problems.add(ExecCommand.MISSING);
        }
        Object args = node.opts().get("args");
        if (args != null && !(args instanceof List<?>)) {
            problems.add("exec option args must be a list, e.g. args: [build, \"two words\"], not '" + args + "'");
        }
        try {
            SOME_WORKSPACE.resolveInside("sub-dir", Opts.string(node.opts(), "sub-dir"));
        } catch (IllegalArgumentException e) {
            problems.add("sub-dir '" + Opts.string(node.opts(), "sub-dir")
                    + "' climbs out of the workspace: give a path inside it");
        }
        return problems;
    }

    @Override
    public CompletionStage<TaskResult> start(TaskContext ctx) {
        Optional<ExecCommand> command = ExecCommand.from(ctx.opts());
        if (command.isEmpty()) {
            return CompletableFuture.completedFuture(TaskResult.error(ExecCommand.MISSING));
        }
        return new ExecRun(ctx, command.get()).start();
    }
}
