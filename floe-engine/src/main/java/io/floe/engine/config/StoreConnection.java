package io.floe.engine.config;

import java.time.Duration;

/**
 * How a host reaches a shared store ({@code store-type: postgres}): {@code store-url} (JDBC), {@code store-user},
 * {@code store-password-file} (else the {@code FLOE_STORE_PASSWORD} environment variable) and {@code host-lease}, how
 * long a host counts as alive without renewing its lease before others take over its runs. Never sent as JSON.
 *
 * @param hostLease the configured lease, or null for the default (30 s)
 */
public record StoreConnection(String url, String user, String passwordFile, Duration hostLease) {
    public static final StoreConnection NONE = new StoreConnection("", "", "", null);

    public StoreConnection {
        url = url == null ? "" : url;
        user = user == null ? "" : user;
        passwordFile = passwordFile == null ? "" : passwordFile;
    }
}
