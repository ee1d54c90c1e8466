package io.floe.engine.node.exec;

import io.floe.engine.config.Opts;
import io.floe.engine.node.LaunchedProcess;
import io.floe.engine.node.OutputSink;
import io.floe.engine.node.ProcessSpec;
import io.floe.engine.node.TaskContext;
import io.floe.engine.node.TaskResult;
import io.floe.engine.workspace.Substitution;
import io.floe.engine.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of an exec task (floe-spec §4.5): prepares the folder, environment and command line, starts the
 * process, passes its output on line by line and ends with its exit status. Every blocking step (creating folders,
 * starting the process, reading its output, waiting for it) runs on the context's blocking executor.
 */
final class ExecRun {
    /**
     * How long to keep reading after the process ended: a background process it started may hold the output open
     * (the original then hung until that process ended).
     */
    static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(ExecRun.class);

    private final TaskContext ctx;
    private final ExecCommand command;
    private final OutputSink out;

    ExecRun(TaskContext ctx, ExecCommand command) {
        this.ctx = ctx;
        this.command = command;
        this.out = ctx.out();
    }

    CompletableFuture<TaskResult> start() {
        return CompletableFuture.supplyAsync(this::launch, ctx.blocking()).thenCompose(f -> f);
    }

    private CompletableFuture<TaskResult> launch() {
        if (ctx.cancellation().isCancelled()) {
            return CompletableFuture.completedFuture(TaskResult.error(ctx.cancellation().reason()));
        }
        Workspace ws = ctx.workspace();
        Path dir;
        try {
            dir = ws.resolveInside("sub-dir", Opts.string(ctx.opts(), "sub-dir"));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(TaskResult.error(e.getMessage()));
        }
        try {
            createFolder(dir);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.completedFuture(TaskResult.error("can not create the working folder " + dir
                    + ": " + e.getMessage()));
        }
        Map<String, String> env = ExecEnvironment.build(ctx.baseEnv(), ctx.env(), ws);
        List<String> argv = new ArrayList<>(command.argv(Substitution.expandingVars(ws, env),
                Substitution.leavingVars(ws)));
        String shown = String.join(" ", argv);
        if (!ctx.launcher().findsProgramsItself()) {
            argv.set(0, PathLookup.find(argv.get(0), env, dir));
        }

        out.line("in dir: " + dir);
        out.line(shown);
        out.line("");
        LaunchedProcess process;
        try {
            process = ctx.launcher().start(new ProcessSpec(argv, dir, env));
        } catch (IOException e) {
            out.line(String.valueOf(e.getMessage()));
            out.line("");
            return CompletableFuture.completedFuture(TaskResult.status(1));
        }
        log.debug("{} {}: started {}", ctx.run(), ctx.node().id(), process);
        return follow(process);
    }

    /** Reads the output and waits for the end on two blocking threads; stops the process tree on cancellation. */
    private CompletableFuture<TaskResult> follow(LaunchedProcess process) {
        ctx.cancellation().onCancel(process::killTree);
        LineGate gate = new LineGate(out);
        // true when the grace period ran out before the output ended
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        ctx.blocking().execute(() -> {
            try {
                new OutputLines(gate::line).pump(process.output());
            } catch (IOException e) {
                log.debug("{} {}: output ended with {}", ctx.run(), ctx.node().id(), e.toString());
            } finally {
                drained.complete(false);
            }
        });
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        ctx.blocking().execute(() -> {
            try {
                exit.complete(process.waitFor());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.killTree();
                exit.completeExceptionally(e);
            } catch (RuntimeException e) {
                exit.completeExceptionally(e);
            }
        });
        return exit.thenCompose(status -> {
            ScheduledFuture<?> grace = ctx.scheduler().schedule(() -> drained.complete(true),
                    OUTPUT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return drained.thenApply(abandoned -> {
                grace.cancel(false);
                return finish(gate, status, abandoned);
            });
        });
    }

    /** The closing lines and the result; later lines from a straggling reader are dropped. */
    private TaskResult finish(LineGate gate, int status, boolean abandoned) {
        gate.close();
        if (abandoned) {
            out.line("(the program ended, but a process it started still holds its output open:"
                    + " later output is not shown)");
        }
        if (status != 0) {
            out.line("");
            out.line("exited with status: " + status);
        }
        return TaskResult.status(status);
    }

    private static void createFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }
}
