package io.jenkins.plugins.floe;

import io.floe.engine.config.ConfigException;
import io.floe.engine.embed.EmbedSettings;
import io.floe.engine.embed.EmbeddedRun;
import io.floe.engine.embed.FlowDocument;
import io.floe.engine.embed.RunRequest;
import io.floe.engine.embed.WorkspaceFlowFiles;
import io.floe.engine.node.LocalProcessLauncher;
import io.floe.engine.spi.NodeTypes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the plugin does with the engine, loaded by {@link WithoutJGitTest} in a class loader that holds the jars the
 * .hpi ships and the BOM's libraries only: reads a flow with the plugin's types and runs it to its end.
 */
public final class WithoutJGitProbe {
    private WithoutJGitProbe() {}

    /** Runs {@code yaml} in {@code dir}; gives the run's log and its outcome, or the problems reading it. */
    public static String run(String yaml, Path dir) throws Exception {
        NodeTypes types = BuildNodeTypes.discover();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            var config = FlowDocument.parse(yaml, "floe.yml", types);
            BuildNodeTypes.checkFlowFiles(config);
            EmbedSettings settings = new EmbedSettings("jenkins", dir, new LocalProcessLauncher(), System.getenv(),
                    types, log, "", WorkspaceFlowFiles.NONE);
            try (EmbeddedRun run = EmbeddedRun.start(config, new RunRequest("", "", Map.of()), settings)) {
                log.println(run.await().describe());
            }
        } catch (ConfigException e) {
            return e.getMessage();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
