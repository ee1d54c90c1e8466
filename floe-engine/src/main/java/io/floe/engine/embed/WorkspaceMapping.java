package io.floe.engine.embed;

import io.floe.engine.spi.LaunchedProcess;
import io.floe.engine.spi.ProcessLauncher;
import io.floe.engine.spi.ProcessSpec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a run's exec tasks in a build's workspace on another machine. The engine gives each run a workspace folder of
 * its own on this machine ({@code FLOEWS} in a task's environment); this launcher moves the task into the build's
 * workspace instead: the working folder keeps its place inside the workspace, and every mention of the run's folder
 * in the command line and the environment ({@code {{ws}}}, {@code ./x}, {@code FLOEWS}) becomes the build's workspace
 * as the agent sees it.
 */
public final class WorkspaceMapping implements ProcessLauncher {
    /** The programs run on the build's machine, so they are found there, in its PATH. */
    @Override
    public boolean findsProgramsItself() {
        return true;
    }

    /** The variable in which the engine tells a task where its workspace is. */
    public static final String FLOEWS = "FLOEWS";

    private final String agentRoot;
    private final AgentLauncher agent;

    /**
     * @param agentRoot the build's workspace as the agent names it, e.g. {@code /home/jenkins/workspace/app}
     * @param agent     starts the mapped processes there
     */
    public WorkspaceMapping(String agentRoot, AgentLauncher agent) {
        if (agentRoot == null || agentRoot.isBlank()) {
            throw new IllegalArgumentException("the build's workspace path is empty: give the agent's path of it");
        }
        this.agentRoot = agentRoot;
        this.agent = agent;
    }

    @Override
    public LaunchedProcess start(ProcessSpec spec) throws IOException {
        return agent.start(map(spec));
    }

    /**
     * The spec as the agent must run it.
     *
     * @throws IOException when the working folder is outside the run's workspace (there is no place for it on the
     *                     agent)
     */
    public AgentSpec map(ProcessSpec spec) throws IOException {
        String floews = spec.environment().get(FLOEWS);
        Path local = floews != null ? Path.of(floews) : spec.directory();
        if (local == null) {
            throw new IOException("the process " + spec.command() + " has neither a working folder nor " + FLOEWS
                    + ": there is no workspace to map to the build's");
        }
        local = local.toAbsolutePath().normalize();
        Path dir = spec.directory() == null ? local : spec.directory().toAbsolutePath().normalize();
        if (!dir.startsWith(local)) {
            throw new IOException("the working folder " + dir + " is outside the run's workspace " + local
                    + ": only folders inside the workspace can be mapped to the build's workspace");
        }
        String relative = local.relativize(dir).toString().replace(File.separatorChar, '/');
        Pattern mention = Pattern.compile(Pattern.quote(local.toString()) + "(?=$|[/\\\\\\s:;,'\"=)])");
        String replacement = Matcher.quoteReplacement(agentRoot);
        List<String> command = new ArrayList<>(spec.command().size());
        for (String arg : spec.command()) {
            command.add(mention.matcher(arg).replaceAll(replacement));
        }
        Map<String, String> env = new LinkedHashMap<>();
        spec.environment().forEach((k, v) -> env.put(k, mention.matcher(v).replaceAll(replacement)));
        env.put(FLOEWS, agentRoot);
        return new AgentSpec(command, relative, env);
    }
}
