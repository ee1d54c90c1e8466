package io.jenkins.plugins.floe;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.floe.engine.config.ConfigException;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.embed.BuildResult;
import io.floe.engine.embed.EmbedSettings;
import io.floe.engine.embed.EmbeddedRun;
import io.floe.engine.embed.FlowDocument;
import io.floe.engine.embed.FormValues;
import io.floe.engine.embed.PrefixedLog;
import io.floe.engine.embed.RunOutcome;
import io.floe.engine.embed.RunRequest;
import io.floe.engine.embed.RunStartException;
import io.floe.engine.embed.WorkspaceFlowFiles;
import io.floe.engine.embed.WorkspaceMapping;
import io.floe.engine.spi.NodeTypes;
import java.io.File;
import java.io.IOException;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * One execution of the {@code floe} step in one build: reads the flow, runs it on the engine with the build's
 * launcher, workspace and environment, shows its graph on the build page, and turns its end into the build's result.
 * An aborted build cancels the run and waits for its processes to be killed before the build ends.
 */
final class FloeStepRun {
    private final FloeBuilder step;
    private final Run<?, ?> run;
    private final FilePath workspace;
    private final EnvVars env;
    private final Launcher launcher;
    private final TaskListener listener;

    FloeStepRun(FloeBuilder step, Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher,
            TaskListener listener) {
        this.step = step;
        this.run = run;
        this.workspace = workspace;
        this.env = env;
        this.launcher = launcher;
        this.listener = listener;
    }

    void execute() throws IOException, InterruptedException {
        NodeTypes types = BuildNodeTypes.discover();
        FloeConfig config = readFlow(types);
        RunRequest request = new RunRequest(env.expand(step.getFlow()), env.expand(step.getTrigger()), values());
        FloeGraphAction graph = FloeGraphAction.addTo(run);
        FloeGlobalConfiguration global = FloeGlobalConfiguration.get();
        File scratch = new File(run.getRootDir(), graph.getUrlName() + "-work");
        EmbedSettings settings = new EmbedSettings(global.getHostName(), scratch.toPath(),
                new WorkspaceMapping(workspace.getRemote(), new BuildAgentLauncher(workspace, launcher)), env, types,
                listener.getLogger(), "answer it on " + pageUrl(graph),
                new WorkspaceFlowFiles(this::readWorkspaceFile));
        EmbeddedRun embedded;
        try {
            embedded = EmbeddedRun.start(config, request, settings,
                    new BuildArtifacts(run, workspace, launcher, listener));
        } catch (RunStartException e) {
            graph.notStarted(e.getMessage());
            throw new AbortException("floe: " + e.getMessage());
        } catch (InterruptedException e) {
            graph.notStarted("the build was aborted before the run started");
            throw e;
        }
        try {
            graph.follow(embedded, listener.getLogger());
            RunOutcome outcome;
            try {
                outcome = embedded.await();
            } catch (InterruptedException e) {
                outcome = embedded.abort("the build was aborted");
                graph.finish(outcome);
                new PrefixedLog(listener.getLogger()).note(outcome.describe());
                throw e;
            }
            graph.finish(outcome);
            new PrefixedLog(listener.getLogger()).note(outcome.describe());
            if (outcome.result() == BuildResult.ABORTED) { // the run was cancelled: Jenkins marks the build ABORTED
                throw new InterruptedException("floe: " + outcome.describe());
            }
            if (outcome.result() != BuildResult.SUCCESS) {
                throw new AbortException("floe: " + outcome.describe());
            }
        } finally {
            embedded.close();
        }
    }

    /** The inline YAML, or the flow file from the workspace. */
    private FloeConfig readFlow(NodeTypes types) throws IOException, InterruptedException {
        String yaml = step.getYaml();
        String name = "the job's YAML";
        if (yaml.isBlank()) {
            String file = step.getFile().isBlank() ? FloeGlobalConfiguration.get().getDefaultFile()
                    : env.expand(step.getFile());
            FilePath path = workspace.child(file);
            if (!path.exists()) {
                throw new AbortException("floe: there is no flow file " + file + " in the workspace "
                        + workspace.getRemote() + ": check the file's path and the job's checkout");
            }
            yaml = path.readToString();
            name = file;
        }
        try {
            FloeConfig config = FlowDocument.parse(yaml, name, types);
            BuildNodeTypes.checkFlowFiles(config);
            return config;
        } catch (ConfigException e) {
            throw new AbortException("floe: " + name + " can not be run:\n" + e.getMessage());
        }
    }

    /** A local flow-file, read from the build's workspace on its agent. */
    private String readWorkspaceFile(String relative) throws IOException {
        FilePath file = workspace.child(relative);
        try {
            if (!file.exists()) {
                throw new IOException("there is no flow-file " + relative + " in the workspace "
                        + workspace.getRemote());
            }
            return file.readToString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the flow-file " + relative, e);
        }
    }

    private Map<String, Object> values() throws AbortException {
        try {
            return FormValues.parse(env.expand(step.getValues()));
        } catch (IllegalArgumentException e) {
            throw new AbortException("floe: " + e.getMessage());
        }
    }

    /** Where the build's graph page is, absolute when Jenkins knows its own URL. */
    private String pageUrl(FloeGraphAction graph) {
        String root = Jenkins.get().getRootUrl();
        return (root == null ? "/" : root) + run.getUrl() + graph.getUrlName() + "/";
    }
}
