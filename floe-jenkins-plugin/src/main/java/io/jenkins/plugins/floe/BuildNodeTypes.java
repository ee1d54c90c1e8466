package io.jenkins.plugins.floe;

import io.floe.engine.config.ConfigException;
import io.floe.engine.config.ConfigProblem;
import io.floe.engine.config.FloeConfig;
import io.floe.engine.config.FlowConfig;
import io.floe.engine.config.FlowRefKind;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The node types a floe step runs in Jenkins. The engine runs inside the controller's JVM and only exec tasks go to
 * the build's agent, so every task type that would do its work in the engine's own process (git-checkout, git-merge,
 * fetch, and any other found on the class path) is refused when the flow is read, with the line of the node and what
 * to do instead; git and http(s) flow-files, read by the engine itself, are refused the same way. Refused rather than
 * moved to the agent: the job's SCM already checks out on the agent with Jenkins' credentials, polling and changelog.
 */
final class BuildNodeTypes {
    /** Task types that do no work in the controller: exec runs on the agent, a timer only waits. */
    static final Set<String> ON_AGENT_OR_WAITING = Set.of("exec", "timer", NodeTypes.DATA, NodeTypes.END);

    private static final String SCM = "check the repository out with the job's Source Code Management (or"
            + " checkout scm / git in Pipeline) and let exec tasks work in the build's workspace";
    private static final Map<String, String> INSTEAD = Map.of(
            "git-checkout", SCM,
            "git-merge", "merge in an exec task (git merge …) after the job's checkout; " + SCM,
            "fetch", "download in an exec task on the agent (curl, wget) or with a Pipeline step");

    private BuildNodeTypes() {}

    /** The types on the plugin's class path, with those that would work on the controller refused. */
    static NodeTypes discover() {
        NodeTypes all = NodeTypes.discover(BuildNodeTypes.class.getClassLoader());
        List<TaskType> refused = new ArrayList<>();
        for (String name : all.taskTypes()) {
            if (!ON_AGENT_OR_WAITING.contains(name)) {
                refused.add(new Refused(name));
            }
        }
        return all.with(refused.toArray(TaskType[]::new));
    }

    /** Why a task of type {@code type} is not run in Jenkins, and what to do instead. */
    static String refusal(String type) {
        return "type " + type + " is not run in Jenkins: it would work inside the Jenkins controller, with the"
                + " controller's network and keys, in a folder the build's agent never sees; "
                + INSTEAD.getOrDefault(type, "do its work in an exec task, which runs on the build's agent");
    }

    /**
     * Checks what the types can not see: a flow whose flow-file is a git or http(s) reference.
     *
     * @throws ConfigException naming each such flow, with its line
     */
    static void checkFlowFiles(FloeConfig config) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        for (FlowConfig flow : config.flows()) {
            String ref = flow.flowFile();
            if (!ref.isEmpty() && FlowRefKind.of(ref) != FlowRefKind.LOCAL) {
                problems.add(new ConfigProblem(flow.source(), flow.line(), "flow " + flow.id(), "flow-file '" + ref
                        + "' is not read in Jenkins: it would be fetched by the Jenkins controller with its network"
                        + " and keys; check its repository out with the job's Source Code Management and give the"
                        + " file's path in the workspace, e.g. flow-file: ci/flow.yml"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** A task type that is known, so its nodes get the refusal rather than "unknown type", and never runs. */
    private record Refused(String name) implements TaskType {
        @Override
        public List<String> check(NodeConfig node) {
            return List.of(refusal(name));
        }

        @Override
        public CompletionStage<TaskResult> start(TaskContext ctx) {
            return CompletableFuture.failedFuture(new IllegalStateException(refusal(name)));
        }
    }
}
