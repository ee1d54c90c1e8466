package io.floe.engine.spi;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What opening a run store needs: the config's {@code store-type}, the folder for file stores, and for a shared
 * database its JDBC URL, user and password (from the environment or a file, never from the config text), the id of
 * the host opening it and how long that host's liveness lease lasts without a heartbeat.
 *
 * @param password the database password, or empty; never logged
 * @param logSync  whether a {@code local} store forces each task log to the disk before the task's end is committed
 *                 ({@code common.log-sync}); by default logs are handed to the OS only
 */
public record StoreSettings(String type, Path root, String url, String user, String password, String hostId,
        Duration hostLease, boolean logSync) {
    public static final Duration DEFAULT_HOST_LEASE = Duration.ofSeconds(30);

    public StoreSettings {
        type = type == null || type.isBlank() ? "memory" : type;
        url = url == null ? "" : url;
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        hostId = hostId == null ? "" : hostId;
        hostLease = hostLease == null || hostLease.isZero() || hostLease.isNegative() ? DEFAULT_HOST_LEASE : hostLease;
    }

    /** Task logs not forced to the disk (the default). */
    public StoreSettings(String type, Path root, String url, String user, String password, String hostId,
            Duration hostLease) {
        this(type, root, url, user, password, hostId, hostLease, false);
    }

    /** A file or memory store: no database, no host lease. */
    public static StoreSettings of(String type, Path root) {
        return new StoreSettings(type, root, "", "", "", "", DEFAULT_HOST_LEASE);
    }

    /** The URL with any password or secret query parameter masked, for logs and error messages. */
    public String safeUrl() {
        return url.replaceAll("(?i)((?:password|passwd|pwd|secret|token)=)[^&;]*", "$1***")
                .replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    @Override
    public String toString() {
        return "StoreSettings[type=" + type + ", root=" + root + ", url=" + safeUrl() + ", user=" + user
                + ", hostId=" + hostId + ", hostLease=" + hostLease + ", logSync=" + logSync + "]";
    }
}
