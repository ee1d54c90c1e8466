package io.floe.engine.node.git;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.spi.TaskContext;
import io.floe.engine.spi.TaskResult;
import io.floe.engine.spi.TaskType;
import io.floe.engine.spi.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code git-checkout} task (floe-spec §4.6): a shallow clone of {@code url} at {@code branch} (a branch or a
 * tag) into {@code <workspace>/<sub-dir>/<repo name>}, or of the exact commit {@code hash} when one is given (as
 * poll-git triggers pass it). Options: {@code url} and {@code branch} (or {@code hash}) required, {@code sub-dir},
 * {@code key-file}; credentials as {@link GitAuth} describes. Done with JGit: no git binary is needed. Status 0 on
 * success; a bad option, unknown branch, refused key or unreachable server is an execution error with a message
 * saying which. The original's fake url for tests is gone: tests use real repositories.
 */
public final class GitCheckoutTask implements TaskType {
    static final String MISSING_URL = "problem getting git url option";
    static final String MISSING_BRANCH = "problem getting branch option";

    @Override
    public String name() {
        return "git-checkout";
    }

    @Override
    public List<String> check(NodeConfig node) {
        return GitTaskRun.checkSubDir(node);
    }

    @Override
    public CompletionStage<TaskResult> start(TaskContext ctx) {
        String url = Opts.string(ctx.opts(), "url").trim();
        String branch = Opts.string(ctx.opts(), "branch").trim();
        String hash = Opts.string(ctx.opts(), "hash").trim();
        if (url.isEmpty()) {
            return CompletableFuture.completedFuture(TaskResult.error(MISSING_URL));
        }
        if (branch.isEmpty() && hash.isEmpty()) {
            return CompletableFuture.completedFuture(TaskResult.error(MISSING_BRANCH));
        }
        Workspace ws = ctx.workspace();
        Path dir;
        try {
            dir = ws.resolveInside("sub-dir", Opts.string(ctx.opts(), "sub-dir"));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(TaskResult.error(e.getMessage()));
        }
        GitAuth auth = GitAuth.forTask(ctx.opts(), ctx.env(), ctx.baseEnv());
        ShallowCheckout.Request request = new ShallowCheckout.Request(url, branch, hash, dir);
        return GitTaskRun.start(ctx, progress -> {
            new ShallowCheckout(request, auth, ctx.out(), progress).run();
            return TaskResult.status(0);
        });
    }
}
