package io.floe.engine.config;

import com.google.gson.annotations.SerializedName;
import io.floe.engine.json.Local;
import java.time.Duration;
import java.util.List;

/**
 * The {@code common} section (floe-spec §2.2). Paths are kept as written; the host expands them
 * ({@link io.floe.engine.workspace.PathExpansion}).
 *
 * @param gitKey     private key for git; the YAML accepts {@code git-key} and the README's {@code key-file}
 * @param configPath    where the host's config really lives (read by the standalone host)
 * @param users         people who may log in besides {@code admin}; never sent as JSON
 * @param webhookSecret the HMAC secret git-push webhooks are signed with; never sent as JSON
 * @param configPoll    seconds between checks of {@code config-path} for a new config; 0 for never
 * @param store         how to reach a shared store (postgres); never sent as JSON
 * @param flowFileRoots folders besides the config's own that local flow-files may be read from, as written
 *                      ({@code flow-file-roots}); never sent as JSON
 * @param artifacts     how task artifacts are kept ({@code artifacts-max-size}, {@code artifacts-keep})
 * @param publicUrl     how browsers reach this host ({@code public-url}, e.g. {@code https://floe.example.com}), for
 *                      links in notifications; empty when not set
 * @param notifications receivers of run notifications for every flow ({@code notify}); never sent as JSON
 * @param taskGrace     how long a task may outlive its host over a planned restart ({@code task-grace}); null when
 *                      not given (the default applies, {@link io.floe.engine.TaskGrace})
 */
public record CommonConfig(
        @SerializedName("Hosts") List<String> hosts,
        @SerializedName("BaseURL") String baseUrl,
        @SerializedName("WorkspaceRoot") String workspaceRoot,
        @SerializedName("StoreType") String storeType,
        @SerializedName("StoreRoot") String storeRoot,
        @SerializedName("GitKey") String gitKey,
        @SerializedName("ConfigPath") String configPath,
        @Local List<UserConfig> users,
        @Local String webhookSecret,
        @Local int configPoll,
        @Local StoreConnection store,
        @Local List<String> flowFileRoots,
        @Local ArtifactSettings artifacts,
        @Local String publicUrl,
        @Local List<NotifyTarget> notifications,
        @Local Duration taskGrace) {

    public static final String DEFAULT_BASE_URL = "/build/api";
    public static final String DEFAULT_WORKSPACE_ROOT = "~/.floe";

    public CommonConfig {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        baseUrl = baseUrl == null ? "" : baseUrl;
        workspaceRoot = workspaceRoot == null ? "" : workspaceRoot;
        storeType = storeType == null ? "" : storeType;
        storeRoot = storeRoot == null ? "" : storeRoot;
        gitKey = gitKey == null ? "" : gitKey;
        configPath = configPath == null ? "" : configPath;
        users = users == null ? List.of() : List.copyOf(users);
        webhookSecret = webhookSecret == null ? "" : webhookSecret;
        store = store == null ? StoreConnection.NONE : store;
        flowFileRoots = flowFileRoots == null ? List.of() : List.copyOf(flowFileRoots);
        artifacts = artifacts == null ? ArtifactSettings.DEFAULTS : artifacts;
        publicUrl = publicUrl == null ? "" : publicUrl;
        notifications = notifications == null ? List.of() : List.copyOf(notifications);
    }

    /**
     * Only the fields the original floe's JSON carries (as {@code GET /flows} shows them); every host-local setting
     * (users, secrets, the shared store, artifacts, notifications, task grace…) at its default.
     */
    public static CommonConfig ofWireFields(List<String> hosts, String baseUrl, String workspaceRoot, String storeType,
            String storeRoot, String gitKey, String configPath) {
        return new CommonConfig(hosts, baseUrl, workspaceRoot, storeType, storeRoot, gitKey, configPath, List.of(), "",
                0, StoreConnection.NONE, List.of(), null, "", List.of(), null);
    }

    public static CommonConfig defaults() {
        return ofWireFields(List.of(), "", "", "", "", "", "");
    }

    /** The API prefix: the configured base-url, or {@code /build/api}; used by server and host clients alike. */
    public String effectiveBaseUrl() {
        return baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl;
    }

    public String effectiveWorkspaceRoot() {
        return workspaceRoot.isBlank() ? DEFAULT_WORKSPACE_ROOT : workspaceRoot;
    }

    /** The store root: as configured, else the workspace root. */
    public String effectiveStoreRoot() {
        return storeRoot.isBlank() ? effectiveWorkspaceRoot() : storeRoot;
    }

    /** {@code memory} (the default), {@code local} or {@code postgres}. */
    public String effectiveStoreType() {
        return storeType.isBlank() ? "memory" : storeType;
    }
}
