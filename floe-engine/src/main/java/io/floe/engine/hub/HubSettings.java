package io.floe.engine.hub;

import io.floe.engine.spi.NodeTypes;
import io.floe.engine.spi.ProcessLauncher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What a hub is told about its host.
 *
 * @param hostId        this host's name, used in run ids
 * @param tags          this host's tags
 * @param workspaceRoot expanded workspace root (workspaces are {@code <root>/spaces/…})
 * @param cacheRoot     the download cache folder
 * @param gitKey        private key for git, injected as {@code key-file} into task opts, or empty
 * @param baseEnv       the environment task processes start from
 * @param hostLease     on a shared store: how long this host counts as alive without a heartbeat
 * @param artifacts     keeps the files a task's {@code artifacts} option names once it ends
 */
public record HubSettings(
        String hostId,
        List<String> tags,
        Path workspaceRoot,
        Path cacheRoot,
        String gitKey,
        Map<String, String> baseEnv,
        ProcessLauncher launcher,
        NodeTypes types,
        Clock clock,
        java.time.Duration hostLease,
        io.floe.engine.artifact.TaskArtifacts artifacts) {

    public HubSettings {
        artifacts = artifacts == null ? io.floe.engine.artifact.TaskArtifacts.NONE : artifacts;
        hostLease = hostLease == null ? io.floe.engine.spi.StoreSettings.DEFAULT_HOST_LEASE : hostLease;
        tags = List.copyOf(tags);
        baseEnv = Map.copyOf(baseEnv);
        gitKey = gitKey == null ? "" : gitKey;
    }

    /** Settings that keep no artifacts. */
    public HubSettings(String hostId, List<String> tags, Path workspaceRoot, Path cacheRoot, String gitKey,
            Map<String, String> baseEnv, ProcessLauncher launcher, NodeTypes types, Clock clock,
            java.time.Duration hostLease) {
        this(hostId, tags, workspaceRoot, cacheRoot, gitKey, baseEnv, launcher, types, clock, hostLease, null);
    }

    /** Settings with the default host lease. */
    public HubSettings(String hostId, List<String> tags, Path workspaceRoot, Path cacheRoot, String gitKey,
            Map<String, String> baseEnv, ProcessLauncher launcher, NodeTypes types, Clock clock) {
        this(hostId, tags, workspaceRoot, cacheRoot, gitKey, baseEnv, launcher, types, clock, null, null);
    }
}
