package io.floe.engine.embed;

import io.floe.engine.config.FlowFileSource;
import io.floe.engine.node.LocalProcessLauncher;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.ProcessLauncher;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How an {@link EmbeddedRun} runs: where its scratch folder is, how processes start, their environment, and where
 * its log goes.
 *
 * @param hostId   the name of the embedded host, the first part of the run's id ({@code jenkins-1})
 * @param workRoot a scratch folder for the run's own workspace, store and caches; the run deletes it when closed
 * @param launcher starts the exec tasks' processes (a {@link WorkspaceMapping} to run them in a build's workspace)
 * @param baseEnv  the environment the processes start from, e.g. the build's
 * @param types    the node types
 * @param log      where the run's prefixed log lines go
 * @param dataHint said in the log when a data node waits for input, e.g. where to answer it
 * @param flowFiles reads local {@code flow-file} references (a {@link WorkspaceFlowFiles} on the build's workspace);
 *                  git and http(s) flow-files are read by the engine itself
 */
public record EmbedSettings(String hostId, Path workRoot, ProcessLauncher launcher, Map<String, String> baseEnv,
        NodeTypes types, PrintStream log, String dataHint, FlowFileSource flowFiles) {

    public EmbedSettings {
        Objects.requireNonNull(workRoot, "workRoot");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(types, "types");
        Objects.requireNonNull(log, "log");
        hostId = hostId == null || hostId.isBlank() ? "embedded" : hostId;
        baseEnv = Map.copyOf(baseEnv);
        dataHint = dataHint == null ? "" : dataHint;
        flowFiles = flowFiles == null ? WorkspaceFlowFiles.NONE : flowFiles;
    }

    /**
     * Local processes, this process's environment, the node types on the class path, host name {@code embedded}, no
     * local flow-files.
     */
    public static EmbedSettings of(Path workRoot, PrintStream log) {
        return new EmbedSettings("embedded", workRoot, new LocalProcessLauncher(), System.getenv(),
                NodeTypes.discover(), log, "", WorkspaceFlowFiles.NONE);
    }

    public EmbedSettings withHostId(String id) {
        return new EmbedSettings(id, workRoot, launcher, baseEnv, types, log, dataHint, flowFiles);
    }

    public EmbedSettings withLauncher(ProcessLauncher l) {
        return new EmbedSettings(hostId, workRoot, l, baseEnv, types, log, dataHint, flowFiles);
    }

    public EmbedSettings withBaseEnv(Map<String, String> env) {
        return new EmbedSettings(hostId, workRoot, launcher, env, types, log, dataHint, flowFiles);
    }

    public EmbedSettings withTypes(NodeTypes t) {
        return new EmbedSettings(hostId, workRoot, launcher, baseEnv, t, log, dataHint, flowFiles);
    }

    public EmbedSettings withDataHint(String hint) {
        return new EmbedSettings(hostId, workRoot, launcher, baseEnv, types, log, hint, flowFiles);
    }

    public EmbedSettings withFlowFiles(FlowFileSource source) {
        return new EmbedSettings(hostId, workRoot, launcher, baseEnv, types, log, dataHint, source);
    }
}
