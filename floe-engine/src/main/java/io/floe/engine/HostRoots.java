package io.floe.engine;

import io.floe.engine.config.CommonConfig;
import java.nio.file.Path;

/**
 * The folders of a host: workspaces ({@code <workspace>/spaces}), the store ({@code <store>/store}) and the download
 * cache ({@code <store>/fetch_cache}). An explicit root (the {@code -root} flag) wins over the config.
 */
record HostRoots(Path workspace, Path store, Path cache) {

    static HostRoots of(CommonConfig common, Path workspaceOverride, Path storeOverride) {
        PathExpander expand = new PathExpander();
        Path ws = workspaceOverride != null ? workspaceOverride.toAbsolutePath()
                : expand.apply(common.effectiveWorkspaceRoot());
        Path st = storeOverride != null ? storeOverride.toAbsolutePath()
                : workspaceOverride != null && common.storeRoot().isBlank() ? ws
                : common.storeRoot().isBlank() ? ws : expand.apply(common.effectiveStoreRoot());
        return new HostRoots(ws, st, st.resolve("fetch_cache"));
    }
}
