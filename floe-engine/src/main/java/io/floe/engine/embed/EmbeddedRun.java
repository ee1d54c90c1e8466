package io.floe.engine.embed;

import io.floe.engine.DataReceipt;
import io.floe.engine.Floe;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.artifact.TaskArtifacts;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.FlowFiles;
import io.floe.engine.config.FlowRefKind;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.node.fetch.HttpFlowFiles;
import io.floe.engine.node.git.GitAuth;
import io.floe.engine.node.git.GitFlowFiles;
import io.floe.engine.spi.FlowFileResolver;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.store.local.MemoryRunStore;
import io.floe.engine.view.RunView;
import io.floe.engine.workspace.PrivateFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One floe run inside a build: a private host with an in-memory store runs one flow to its end, writes its output to
 * the build's log, and says how the build ends. The build waits with {@link #await()}; when the build is stopped it
 * calls {@link #abort}, which cancels the run and returns only once every process the run started has ended. While
 * it runs, {@link #view()} gives its live graph and {@link #supplyData} answers its data nodes.
 *
 * <pre>{@code
 * try (EmbeddedRun run = EmbeddedRun.start(FlowDocument.parse(yaml, "flow.yml", types), request, settings)) {
 *     try {
 *         RunOutcome outcome = run.await();
 *     } catch (InterruptedException e) {
 *         run.abort("the build was aborted");
 *         throw e;
 *     }
 * }
 * }</pre>
 */
public final class EmbeddedRun implements AutoCloseable {
    /** How long an abort waits for the run's processes to end after killing them. */
    public static final Duration KILL_WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRun.class);

    private final Floe floe;
    private final MemoryRunStore store;
    private final LiveProcesses processes;
    private final Ends ends;
    private final Path workRoot;
    private final PrefixedLog console;
    private final FlowConfig flow;
    private volatile HostedRef id = HostedRef.NONE;

    private EmbeddedRun(Floe floe, MemoryRunStore store, LiveProcesses processes, Ends ends, Path workRoot,
            PrefixedLog console, FlowConfig flow) {
        this.floe = floe;
        this.store = store;
        this.processes = processes;
        this.ends = ends;
        this.workRoot = workRoot;
        this.console = console;
        this.flow = flow;
    }

    /**
     * Starts the run {@code request} names in {@code config}. Returns once it is adopted; it then runs on the host's
     * own threads.
     *
     * @throws RunStartException    when there is no such flow or trigger, or the flow could not start (a flow-file
     *                              that failed…); the scratch folder is removed again
     * @throws InterruptedException when the build was stopped while the run was being adopted
     */
    public static EmbeddedRun start(FloeConfig config, RunRequest request, EmbedSettings settings)
            throws RunStartException, InterruptedException {
        return start(config, request, settings, TaskArtifacts.NONE);
    }

    /**
     * Starts the run as {@link #start(FloeConfig, RunRequest, EmbedSettings)} does; each task's {@code artifacts} go to
     * {@code artifacts} when it ends (the run's own scratch folder is removed with the run, so nothing is kept there).
     */
    public static EmbeddedRun start(FloeConfig config, RunRequest request, EmbedSettings settings,
            TaskArtifacts artifacts) throws RunStartException, InterruptedException {
        FlowConfig flow = request.flow(config);
        NodeConfig trigger = request.trigger(flow);
        try {
            PrivateFiles.folder(settings.workRoot());
        } catch (IOException e) {
            throw new RunStartException("can not create the scratch folder " + settings.workRoot() + ": " + e, e);
        }
        MemoryRunStore store = new MemoryRunStore();
        LiveProcesses processes = new LiveProcesses(settings.launcher());
        PrefixedLog console = new PrefixedLog(settings.log());
        RunConsole shown = new RunConsole(console, settings.dataHint());
        Ends ends = new Ends();
        // a host with the flow's host tags can always take it
        List<String> tags = flow.hostTags().isEmpty() ? List.of("embedded") : flow.hostTags();
        Floe floe = Floe.builder(config).hostId(settings.hostId()).tags(tags).store(store)
                .workspaceRoot(settings.workRoot()).storeRoot(settings.workRoot()).launcher(processes)
                .baseEnv(settings.baseEnv()).types(settings.types()).flowFiles(flowFiles(config, settings))
                .scheduleTriggers(false).artifacts(artifacts).build();
        EmbeddedRun run = new EmbeddedRun(floe, store, processes, ends, settings.workRoot(), console, flow);
        // one observer, so every output line is written before the end is seen
        floe.observe(e -> {
            shown.show(e);
            ends.see(e);
        });
        floe.start();
        // a data trigger takes its form's fields only (the engine adds its own opts); for a timer or push trigger
        // its own opts come first, so it matches as if it fired
        Map<String, Object> values = NodeTypes.DATA.equals(trigger.type()) ? request.values()
                : Opts.merge(trigger.opts(), request.values());
        console.note("starting flow " + flow.id() + " (version " + flow.ver() + ") with trigger " + trigger.id());
        try {
            TriggerOutcome outcome = floe.trigger(flow.id(), trigger.id(), values).get();
            if (outcome.pends().isEmpty()) {
                throw new RunStartException("flow " + flow.id() + " was not started: "
                        + String.join("; ", outcome.errors()));
            }
            run.id = outcome.pends().get(0).id();
            console.note("run " + run.id + " adopted");
            return run;
        } catch (ExecutionException e) {
            run.close();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RunStartException("flow " + flow.id() + " was not started: " + cause.getMessage(), cause);
        } catch (RunStartException | InterruptedException | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    /**
     * Flow-files as a host reads them, except local ones: those come from the embedder (the build's workspace), never
     * from this machine's disk.
     */
    private static FlowFileResolver flowFiles(FloeConfig config, EmbedSettings s) {
        FlowFiles files = new FlowFiles(s.types(), Map.of(FlowRefKind.LOCAL, s.flowFiles()))
                .with(FlowRefKind.WEB, new HttpFlowFiles(s.workRoot().resolve("fetch_cache")));
        // a git flow-file is read at the ref the trigger gives, else at its default branch; its reader (and JGit) is
        // made only then, so an embedder that ships without JGit runs every other flow (one run reads it once)
        return (flow, opts) -> files.with(FlowRefKind.GIT, ref -> new GitFlowFiles(s.workRoot().resolve("git_cache"),
                GitAuth.withKeyFile(config.common().gitKey())).load(ref, Opts.string(opts, "ref").isBlank()
                        ? Opts.string(opts, "hash") : Opts.string(opts, "ref")).text()).load(flow);
    }

    /** The run's id, e.g. {@code jenkins-1}. */
    public HostedRef id() {
        return id;
    }

    /** The flow being run. */
    public FlowConfig flow() {
        return flow;
    }

    /** The run's graph with its node states now, or empty if it is not in the store (it always is once started). */
    public Optional<RunView> view() {
        return floe.runView(id);
    }

    /** Whether the run has ended. */
    public boolean ended() {
        return ends.of(id).isDone();
    }

    /** Waits for the run to end and gives the build's result. */
    public RunOutcome await() throws InterruptedException {
        try {
            ends.of(id).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for run " + id + " failed", e);
        }
        return outcome(false);
    }

    /** As {@link #await()}, giving up after {@code timeout}. */
    public RunOutcome await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            ends.of(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for run " + id + " failed", e);
        }
        return outcome(false);
    }

    /**
     * Stops the run because the build was stopped: cancels it (its tasks are killed), kills any process still alive
     * and waits up to {@link #KILL_WAIT} for all of them to end. Not interruptible, so a second Stop can not leave
     * processes behind; the thread's interrupt flag is kept.
     */
    public RunOutcome abort(String reason) {
        boolean interrupted = Thread.interrupted();
        try {
            if (!ended()) {
                console.note("aborting run " + id + ": " + reason);
                joinQuietly(floe.cancel(id, reason));
                joinQuietly(ends.of(id));
            }
            processes.killAll();
            if (!processes.awaitNone(KILL_WAIT)) {
                console.note(processes.count() + " processes of run " + id + " are still alive after "
                        + KILL_WAIT.toSeconds() + " s");
            }
            return outcome(true);
        } finally {
            if (interrupted || Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Answers a data node that waits for input. */
    public DataReceipt supplyData(String nodeId, Map<String, Object> values) {
        return floe.supplyData(id, nodeId, values).join();
    }

    /** Stops the host and its threads (killing whatever still runs) and deletes the scratch folder. */
    @Override
    public void close() {
        try {
            floe.close();
            processes.killAll();
            processes.close();
            store.close();
        } finally {
            deleteTree(workRoot);
        }
    }

    private RunOutcome outcome(boolean aborted) {
        RunView view = floe.runView(id).orElseThrow(() -> new IllegalStateException("run " + id
                + " is not in the store of host " + floe.hostId()));
        return new RunOutcome(BuildResult.of(view.summary(), aborted), view.summary(), view);
    }

    private static void joinQuietly(CompletableFuture<?> f) {
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        while (!f.isDone() && System.nanoTime() < deadline) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // an abort finishes its work; the interrupt is restored by the caller
            } catch (ExecutionException | TimeoutException e) {
                return;
            }
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> failed = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    delete(file, failed);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                    delete(dir, failed);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            failed.add(root);
        }
        if (!failed.isEmpty()) {
            log.warn("could not delete the scratch folder {} entirely ({} left, e.g. {}); delete it by hand", root,
                    failed.size(), failed.get(0));
        }
    }

    private static void delete(Path p, List<Path> failed) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            failed.add(p);
        }
    }

    /** The end of every run of the host, whether it comes before or after anyone waits for it. */
    private static final class Ends {
        private final Map<HostedRef, CompletableFuture<Boolean>> ends = new ConcurrentHashMap<>();

        CompletableFuture<Boolean> of(HostedRef run) {
            return ends.computeIfAbsent(run, r -> new CompletableFuture<>());
        }

        void see(Event e) {
            if (Tags.SYS_END_ALL.equals(e.tag()) && e.runRef().adopted()) {
                of(e.runRef().run()).complete(e.good());
            }
        }
    }
}
