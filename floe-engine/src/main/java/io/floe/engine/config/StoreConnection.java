package io.floe.engine.config;

import java.time.Duration;

/**
 * How a host reaches a shared store ({@code store-type: postgres}): {@code store-url} (JDBC), {@code store-user},
 * {@code store-password-file} (else the {@code FLOE_STORE_PASSWORD} environment variable) and {@code host-lease}, how
 * long a host counts as alive without renewing its lease before others take over its runs. Never sent as JSON.
 *
 * Also {@code log-sync}: whether a {@code local} store forces each task's log to the disk before the task's end is
 * committed (issue 21).
 *
 * @param hostLease the configured lease, or null for the default (30 s)
 * @param logSync   {@code log-sync: true}: task logs survive an OS crash or power cut as the state does; by default
 *                  they are handed to the OS only (they survive the floe process being killed)
 */
public record StoreConnection(String url, String user, String passwordFile, Duration hostLease, boolean logSync) {
    public static final StoreConnection NONE = new StoreConnection("", "", "", null);

    public StoreConnection {
        url = url == null ? "" : url;
        user = user == null ? "" : user;
        passwordFile = passwordFile == null ? "" : passwordFile;
    }

    /** Without {@code log-sync} (logs are handed to the OS, not forced). */
    public StoreConnection(String url, String user, String passwordFile, Duration hostLease) {
        this(url, user, passwordFile, hostLease, false);
    }
}
