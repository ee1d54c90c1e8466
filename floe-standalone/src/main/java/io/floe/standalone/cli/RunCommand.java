package io.floe.standalone.cli;

import io.floe.engine.Floe;
import io.floe.engine.Launchers;
import io.floe.engine.TriggerCall;
import io.floe.engine.TriggerOutcome;
import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigLoader;
import io.floe.engine.config.ConfigProblem;
import io.floe.engine.config.DataForm;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunResult;
import io.floe.engine.run.RunStores;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.RunStore;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code floe run CONFIG}: runs one flow to its end on an in-process host and prints its events. The way to try a flow
 * on a laptop before deploying it. Its exit code says how the run ended ({@link ExitCodes}): 0 good, 1 bad, 3 cancelled,
 * 130 cancelled by Ctrl-C (143 by SIGTERM); 2 when the config or the command is wrong. Keeps nothing: the run store is
 * in memory.
 */
public final class RunCommand {
    static final CommandSyntax SYNTAX = new CommandSyntax("floe run",
            List.of("Run one flow to its end and print its events."),
            List.of(
                    OptionSpec.value(List.of("--flow"), "ID",
                            "The flow to run (needed when the config has several)."),
                    OptionSpec.value(List.of("--trigger"), "ID",
                            "The trigger to fire (default: the flow's first data trigger, else its first trigger)."),
                    new OptionSpec(List.of("--data"), "KEY=VALUE", OptionSpec.Arity.MANY, OptionSpec.Form.KEY_VALUE,
                            "A value for the trigger's form and for data nodes that ask for it."),
                    OptionSpec.value(List.of("--root"), "DIR",
                            "Folder for workspaces (default: the config's workspace-root).")),
            Optional.of(new CommandSyntax.Argument("CONFIG", "The YAML config (or flow-file's host config).")),
            List.of(),
            List.of(new CommandSyntax.ExitCode(ExitCodes.GOOD, "the run ended good"),
                    new CommandSyntax.ExitCode(ExitCodes.BAD, "the run ended bad"),
                    new CommandSyntax.ExitCode(ExitCodes.USAGE, "the config or the command line is wrong"),
                    new CommandSyntax.ExitCode(ExitCodes.CANCELLED, "the run was cancelled (a data node got no values)"),
                    new CommandSyntax.ExitCode(130, "Ctrl-C (SIGINT) cancelled the run"),
                    new CommandSyntax.ExitCode(143, "SIGTERM cancelled the run")));

    final Path configFile;
    final String flowId;
    final String triggerId;
    /** The --data values by name; a name given twice keeps its last value. */
    final Map<String, String> data = new LinkedHashMap<>();
    final Path root;

    /** The run's options as read from its command line. */
    RunCommand(CommandLineRead.Parsed p) {
        configFile = Path.of(p.argument().orElseThrow());
        flowId = p.value("--flow").orElse(null);
        triggerId = p.value("--trigger").orElse(null);
        root = p.value("--root").map(Path::of).orElse(null);
        for (String kv : p.values("--data")) {
            int eq = kv.indexOf('=');
            data.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
    }

    /** Runs the flow, printing to {@code out} and {@code err}; the exit code. */
    int call(PrintWriter out, PrintWriter err) throws Exception {
        try (QuietEngineLog quiet = QuietEngineLog.apply()) {
            return runCommand(out, err);
        }
    }

    private int runCommand(PrintWriter out, PrintWriter err) throws Exception {
        NodeTypes types = NodeTypes.discover();
        FloeConfig config;
        ProcessLauncher launcher;
        try {
            // loaded beside the config's reading; a wrong FLOE_LAUNCHER fails the run as before, at Floe's build
            launcher = Launchers.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            launcher = null;
        }
        try {
            if (!Files.isRegularFile(configFile)) {
                err.println("floe run: no config file at " + configFile.toAbsolutePath());
                return ExitCodes.CONFIG;
            }
            config = ConfigLoader.load(configFile, types);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return ExitCodes.CONFIG;
        }
        for (ConfigProblem w : config.warnings()) {
            err.println("warning: " + w);
        }
        Optional<FlowConfig> flow = chooseFlow(config, err);
        if (flow.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Optional<NodeConfig> trigger = chooseTrigger(flow.get(), err);
        if (trigger.isEmpty() || !allDeclared(flow.get(), err)) {
            return ExitCodes.USAGE;
        }
        try (RunStore store = RunStores.open("memory", null)) {
            // a local runner: its in-process host has the tags the flow asks for, so host-tags never keep it waiting
            Floe.Builder b = Floe.builder(config).hostId("local").tags(flow.get().hostTags()).store(store)
                    .scheduleTriggers(false).oneRun(true);
            if (launcher != null) {
                b.launcher(launcher);
            }
            if (root != null) {
                b.workspaceRoot(root);
            }
            try (Floe floe = b.build()) {
                return run(floe, flow.get(), trigger.get(), out, err);
            }
        }
    }

    private int run(Floe floe, FlowConfig flow, NodeConfig trigger, PrintWriter out, PrintWriter err)
            throws Exception {
        EventPrinter printer = new EventPrinter(out);
        java.util.Set<Object> shownErrors = java.util.concurrent.ConcurrentHashMap.newKeySet();
        SeenEvents seen = new SeenEvents();
        CompletableFuture<RunResult> ended = new CompletableFuture<>();
        Map<String, Object> values = new LinkedHashMap<>(data);
        // this host runs just the one run, so every adopted event is about it
        floe.observe(e -> {
            printer.print(e);
            if (Tags.SYS_ERROR.equals(e.tag())) {
                shownErrors.add(String.valueOf(e.opts().get("error")));
            }
            if (Tags.SYS_DATA_REQUIRED.equals(e.tag())) {
                answer(floe, e.runRef().run(), e, values, err);
            } else if (Tags.SYS_END_ALL.equals(e.tag()) && e.runRef().adopted()) {
                ended.complete(RunResult.ofEnd(e.good(), e.opts()));
            }
            seen.saw(e.id());
        });
        floe.start();
        TriggerOutcome outcome = floe.trigger(TriggerCall.of(flow.id(), trigger.id(),
                forTrigger(trigger, values))).get();
        if (outcome.pends().isEmpty()) {
            // an error the run's sys.error event printed is not printed again; that event is published before the
            // trigger answers but reaches the printer on the event thread: wait until the printer has had it
            seen.awaitUpTo(floe.lastEventId());
            outcome.errors().stream().filter(m -> !shownErrors.contains(m)).forEach(m -> err.println("floe run: " + m));
            err.println("floe run: flow " + flow.id() + " did not start");
            return ExitCodes.BAD;
        }
        RunRecord pend = outcome.pends().get(0);
        Optional<RunInterrupts> interrupts = RunInterrupts.install(why -> floe.cancel(pend.id(), why));
        Thread cancelOnExit = new Thread(() -> floe.cancel(pend.id(), "interrupted: the JVM is exiting"));
        if (interrupts.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(cancelOnExit);
        }
        RunResult result;
        try {
            result = ended.get();
        } finally {
            interrupts.ifPresent(RunInterrupts::close);
        }
        Optional<Integer> signal = interrupts.flatMap(RunInterrupts::signal);
        out.println("run " + pend.id() + " ended " + result.wire());
        out.flush();
        if (interrupts.isEmpty()) {
            Runtime.getRuntime().removeShutdownHook(cancelOnExit);
        }
        return result == RunResult.CANCELLED && signal.isPresent() ? ExitCodes.signalled(signal.get())
                : ExitCodes.of(result);
    }

    /**
     * Every {@code --data} name is a field of the flow's trigger form or of one of its data nodes' forms: a misspelt
     * name would otherwise be dropped without a word.
     */
    private boolean allDeclared(FlowConfig flow, PrintWriter err) {
        java.util.Set<String> fields = new java.util.LinkedHashSet<>();
        for (NodeConfig n : flow.triggers()) {
            DataForm.of(n.opts()).fields().forEach(f -> fields.add(f.id()));
        }
        for (NodeConfig n : flow.tasks()) {
            if (NodeTypes.DATA.equals(n.type())) {
                DataForm.of(n.opts()).fields().forEach(f -> fields.add(f.id()));
            }
        }
        List<String> unknown = data.keySet().stream().filter(k -> !fields.contains(k)).toList();
        if (unknown.isEmpty()) {
            return true;
        }
        err.println("floe run: --data " + String.join(", ", unknown) + ": no form of flow " + flow.id()
                + " has such a field (" + (fields.isEmpty() ? "it has no form fields"
                : "fields: " + String.join(", ", fields)) + ")");
        return false;
    }

    /** A data trigger takes the values of its own form's fields; the others are for data nodes later. */
    private static Map<String, Object> forTrigger(NodeConfig trigger, Map<String, Object> values) {
        if (!NodeTypes.DATA.equals(trigger.type())) {
            return values;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (DataForm.Field f : DataForm.of(trigger.opts()).fields()) {
            if (values.containsKey(f.id())) {
                out.put(f.id(), values.get(f.id()));
            }
        }
        return out;
    }

    /** A data node asks for values: give it those from --data, else ask at the terminal, else cancel the run. */
    private static void answer(Floe floe, HostedRef run, Event e, Map<String, Object> values, PrintWriter err) {
        DataForm form = DataForm.of(e.opts());
        Map<String, Object> answer = new LinkedHashMap<>();
        Console console = System.console();
        for (DataForm.Field f : form.fields()) {
            Object v = values.get(f.id());
            if (v == null && console != null) {
                v = console.readLine("%s (%s): ", f.prompt().isEmpty() ? f.id() : f.prompt(), f.id());
            }
            if (v == null) {
                List<String> ids = form.fields().stream().map(DataForm.Field::id).toList();
                err.println("floe run: data node " + e.sourceNode().id() + " needs values for " + ids
                        + "; pass them with --data KEY=VALUE");
                floe.cancel(run, "data node " + e.sourceNode().id() + " got no values");
                return;
            }
            answer.put(f.id(), v.toString());
        }
        floe.supplyData(run, e.sourceNode().id(), answer);
    }

    private Optional<FlowConfig> chooseFlow(FloeConfig config, PrintWriter err) {
        List<String> ids = config.flows().stream().map(FlowConfig::id).distinct().toList();
        if (flowId != null) {
            Optional<FlowConfig> f = config.latest(flowId);
            if (f.isEmpty()) {
                err.println("floe run: no flow " + flowId + " in " + configFile + " (flows: " + String.join(", ", ids)
                        + ")");
            }
            return f;
        }
        if (ids.size() == 1) {
            return config.latest(ids.get(0));
        }
        err.println("floe run: " + configFile + " has " + ids.size() + " flows; choose one with --flow ID (flows: "
                + String.join(", ", ids) + ")");
        return Optional.empty();
    }

    private Optional<NodeConfig> chooseTrigger(FlowConfig flow, PrintWriter err) {
        if (triggerId != null) {
            Optional<NodeConfig> t = flow.trigger(triggerId);
            if (t.isEmpty()) {
                err.println("floe run: flow " + flow.id() + " has no trigger " + triggerId + " (triggers: "
                        + String.join(", ", flow.triggers().stream().map(NodeConfig::id).toList()) + ")");
            }
            return t;
        }
        Optional<NodeConfig> t = flow.triggers().stream().filter(n -> NodeTypes.DATA.equals(n.type())).findFirst()
                .or(() -> flow.triggers().stream().findFirst());
        if (t.isEmpty()) {
            err.println("floe run: flow " + flow.id() + " has no triggers");
        }
        return t;
    }

    /** The newest event id the printer has handled: events reach it in order, on the event thread. */
    private static final class SeenEvents {
        private long newest;

        synchronized void saw(long id) {
            newest = Math.max(newest, id);
            notifyAll();
        }

        /** Returns once the printer has handled the event {@code id} and all before it. */
        synchronized void awaitUpTo(long id) throws InterruptedException {
            while (newest < id) {
                wait();
            }
        }
    }
}
