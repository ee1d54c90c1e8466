package io.floe.engine.node.exec;

import io.floe.engine.config.Opts;
import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.OutputSink;
import io.floe.engine.spi.ProcessSpec;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.Workspace;
import io.floe.engine.workspace.Substitution;
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
 * process, passes its output on line by line and ends with its exit status. One thread of the context's blocking
 * executor does all of it: prepares, starts the process, reads its output and waits for its status. Each hand-off
 * between threads costs more than the work a trivial task does, so a short task has none.
 */
final class ExecRun {
    /**
     * How long to keep reading once the process has ended and everything it wrote was read: a background process it
     * started may hold the output open (the original then hung until that process ended).
     */
    static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);
    /** How long a task runs before its process is watched for ending apart from its output. */
    static final Duration WATCH_AFTER = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ExecRun.class);

    private final TaskContext ctx;
    private final ExecCommand command;
    private final OutputSink out;
    private final CompletableFuture<TaskResult> result = new CompletableFuture<>();
    /** Lines this task passed on, so a restarted host that reattaches it counts on from there. */
    private final java.util.concurrent.atomic.AtomicLong linesOut = new java.util.concurrent.atomic.AtomicLong();
    /** Left running over a planned restart of the host: this process neither reports nor stops it any more. */
    private volatile boolean detached;

    ExecRun(TaskContext ctx, ExecCommand command) {
        this.ctx = ctx;
        this.command = command;
        OutputSink sink = ctx.out();
        this.out = line -> {
            linesOut.incrementAndGet();
            sink.line(line);
        };
    }

    CompletableFuture<TaskResult> start() {
        ctx.blocking().execute(() -> {
            try {
                run();
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private void run() {
        if (ctx.cancellation().isCancelled()) {
            result.complete(TaskResult.error(ctx.cancellation().reason()));
            return;
        }
        Workspace ws = ctx.workspace();
        Path dir;
        try {
            dir = ws.resolveInside("sub-dir", Opts.string(ctx.opts(), "sub-dir"));
        } catch (IllegalArgumentException e) {
            result.complete(TaskResult.error(e.getMessage()));
            return;
        }
        try {
            createFolder(dir);
        } catch (IOException | RuntimeException e) {
            result.complete(TaskResult.error("can not create the working folder " + dir + ": " + e.getMessage()));
            return;
        }
        Map<String, String> env = ExecEnvironment.build(ctx.baseEnv(), ctx.env(), ctx.values(), ws);
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
            result.complete(TaskResult.status(1));
            return;
        }
        log.debug("{} {}: started {}", ctx.run(), ctx.node().id(), process);
        follow(process);
    }

    /**
     * Reads the output on this thread to its end, then waits for the exit status on it too. Stops the process tree
     * on cancellation. A task that runs longer than {@link #WATCH_AFTER} is also watched for ending while a process it
     * started keeps the output open: once the reader has caught up with the output, it ends {@link #OUTPUT_GRACE}
     * later without waiting for more. (Only then is a thread given to waiting: for the many short tasks it would be
     * one hand-off too many.)
     */
    private void follow(LaunchedProcess process) {
        ctx.cancellation().onCancel(() -> {
            if (!detached) {
                process.killTree();
            }
        });
        LineGate gate = new LineGate(out);
        OutputLines lines = new OutputLines(gate::line);
        gate.trackPosition(lines::lineEnd);
        process.detachable().ifPresent(d -> d.onDetach(() -> detach(gate)));
        CatchUpInput output = new CatchUpInput(process.output());
        ScheduledFuture<?> watch = ctx.scheduler().schedule(() -> watchEnd(process, output, gate),
                WATCH_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        try {
            lines.pump(output);
        } catch (IOException e) {
            log.debug("{} {}: output ended with {}", ctx.run(), ctx.node().id(), e.toString());
        }
        watch.cancel(false);
        if (!result.isDone()) {
            // the output ended: the status follows at once, unless the program closed it and still runs
            end(process, gate, false);
        }
    }

    /**
     * The host restarts on purpose and leaves this task running: no more lines are passed on (the next process of the
     * host logs them from the task's spooled output, from the position returned) and no end is reported. Null when the
     * task has ended already (it is reported as usual).
     */
    private io.floe.engine.node.Detachment detach(LineGate gate) {
        long position = gate.closeAtPosition();
        if (position < 0) {
            return null;
        }
        detached = true;
        log.info("{} {}: left running over this host's restart", ctx.run(), ctx.node().id());
        return new io.floe.engine.node.Detachment(ctx.run().run().toString(), ctx.node().id(), position,
                linesOut.get());
    }

    /**
     * From now on, a process that ends while its output stays open ends the task {@link #OUTPUT_GRACE} after the
     * reader caught up with its output. (Counted from the end itself, it cut off what the program wrote last whenever
     * the log was read slower than written: a 100,000-line log lost its last 45,000 lines on a loaded machine.)
     */
    private void watchEnd(LaunchedProcess process, CatchUpInput output, LineGate gate) {
        if (result.isDone()) {
            return;
        }
        process.ended(ctx.blocking()).thenRun(() -> {
            if (!result.isDone()) {
                output.afterCaughtUp(OUTPUT_GRACE, ctx.scheduler(), () -> {
                    if (!result.isDone()) {
                        ctx.blocking().execute(() -> end(process, gate, true));
                    }
                });
            }
        });
    }

    /** Takes the exit status and finishes; {@code abandoned} when a straggler still holds the output. */
    private void end(LaunchedProcess process, LineGate gate, boolean abandoned) {
        try {
            finish(gate, process.waitFor(), abandoned);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.killTree();
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /** The closing lines and the result, once; later lines from a straggling reader are dropped. */
    private void finish(LineGate gate, int status, boolean abandoned) {
        if (!gate.close()) {
            return; // finished already
        }
        if (abandoned) {
            out.line("(the program ended, but a process it started still holds its output open:"
                    + " later output is not shown)");
        }
        closingLines(out, status);
        result.complete(TaskResult.status(status));
    }

    /** What the log shows after a task's output: its status, unless 0. */
    static void closingLines(OutputSink out, int status) {
        if (status != 0) {
            out.line("");
            out.line("exited with status: " + status);
        }
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
