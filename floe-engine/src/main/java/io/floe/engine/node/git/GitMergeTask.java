package io.floe.engine.node.git;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code git-merge} task, a stub in the original (floe-spec §2.7, §8.4) and real here: in the clone at
 * {@code <workspace>/<sub-dir>} (the repository folder git-checkout made), merges {@code from-branch} into
 * {@code branch}, fetching both from {@code url} (default: the clone's origin) first. Status 0 with the new head
 * printed; status 1 when the merge stops on conflicts, the conflicting files listed one per line; an execution error
 * when an option is missing, a branch is unknown or the fetch fails.
 */
public final class GitMergeTask implements TaskType {
    static final String MISSING_BRANCH = "problem getting ref option";
    static final String MISSING_FROM = "problem getting from ref option";

    @Override
    public String name() {
        return "git-merge";
    }

    @Override
    public List<String> check(NodeConfig node) {
        return GitTaskRun.checkSubDir(node);
    }

    @Override
    public CompletionStage<TaskResult> start(TaskContext ctx) {
        String branch = Opts.string(ctx.opts(), "branch").trim();
        String from = Opts.string(ctx.opts(), "from-branch").trim();
        if (branch.isEmpty()) {
            return CompletableFuture.completedFuture(TaskResult.error(MISSING_BRANCH));
        }
        if (from.isEmpty()) {
            return CompletableFuture.completedFuture(TaskResult.error(MISSING_FROM));
        }
        Path dir;
        try {
            dir = ctx.workspace().resolveInside("sub-dir", Opts.string(ctx.opts(), "sub-dir"));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(TaskResult.error(e.getMessage()));
        }
        GitAuth auth = GitAuth.forTask(ctx.opts(), ctx.env(), ctx.baseEnv());
        BranchMerge.Request request = new BranchMerge.Request(Opts.string(ctx.opts(), "url").trim(), branch, from,
                dir);
        return GitTaskRun.start(ctx, progress ->
                TaskResult.status(new BranchMerge(request, auth, ctx.out(), progress).run()));
    }
}
