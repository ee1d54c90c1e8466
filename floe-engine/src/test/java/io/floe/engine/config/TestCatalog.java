package io.floe.engine.config;

import java.util.List;
import java.util.Set;

/** The node types of the original floe, for config tests; its check reports an exec with neither cmd nor shell. */
public final class TestCatalog implements TypeCatalog {
    public static final String EXEC_NEEDS = "exec needs a cmd or a shell option";

    @Override
    public Set<String> taskTypes() {
        return Set.of("exec", "fetch", "git-checkout", "git-merge", "timer", "data", "end");
    }

    @Override
    public Set<String> triggerTypes() {
        return Set.of("data", "timer", "poll-git", "git-push");
    }

    @Override
    public List<String> check(NodeConfig node) {
        if (node.isTask() && node.type().equals("exec")
                && Opts.string(node.opts(), "cmd").isBlank() && Opts.string(node.opts(), "shell").isBlank()) {
            return List.of(EXEC_NEEDS);
        }
        return List.of();
    }
}
