package io.floe.engine;

import io.floe.engine.config.CommonConfig;
import io.floe.engine.workspace.PathExpansion;
import java.nio.file.Path;

/**
 * The folders of a host: workspaces ({@code <workspace>/spaces}), the store ({@code <store>/store}) and the download
 * cache ({@code <store>/fetch_cache}). An explicit root (the {@code -root} flag) wins over the config.
 */
record HostRoots(Path workspace, Path store, Path cache) {

    static HostRoots of(CommonConfig common, Path workspaceOverride, Path storeOverride) {
        PathExpansion expand = new PathExpansion(); // one %tmp folder for all roots
        Path ws = workspaceOverride != null ? workspaceOverride.toAbsolutePath()
                : expand.expand(common.effectiveWorkspaceRoot()).toAbsolutePath();
        Path st = storeOverride != null ? storeOverride.toAbsolutePath()
                : workspaceOverride != null && common.storeRoot().isBlank() ? ws
                : common.storeRoot().isBlank() ? ws : expand.expand(common.effectiveStoreRoot()).toAbsolutePath();
        return new HostRoots(ws, st, st.resolve("fetch_cache"));
    }
}
