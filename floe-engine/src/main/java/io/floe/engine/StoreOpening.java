package io.floe.engine;

import io.floe.engine.config.CommonConfig;
import io.floe.engine.config.StoreConnection;
import io.floe.engine.spi.StoreException;
import io.floe.engine.spi.StoreSettings;
import io.floe.engine.workspace.PathExpansion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The settings a host opens its store with, from the config's {@code common} section and, for a shared store, its
 * secrets: the password from {@code store-password-file}, else {@code FLOE_STORE_PASSWORD}; the user from
 * {@code store-user}, else {@code FLOE_STORE_USER}.
 */
final class StoreOpening {
    static final String PASSWORD_ENV = HostSecrets.STORE_PASSWORD;
    static final String USER_ENV = "FLOE_STORE_USER";

    private StoreOpening() {}

    static StoreSettings settings(CommonConfig common, Path storeRoot, String hostId, Map<String, String> env) {
        StoreConnection c = common.store();
        String user = c.user().isBlank() ? env.getOrDefault(USER_ENV, "") : c.user();
        String password = c.passwordFile().isBlank() ? env.getOrDefault(PASSWORD_ENV, "") : readPassword(c);
        return new StoreSettings(common.effectiveStoreType(), storeRoot, c.url(), user, password, hostId,
                c.hostLease(), c.logSync());
    }

    private static String readPassword(StoreConnection c) {
        Path file = new PathExpansion().expand(c.passwordFile());
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new StoreException("could not read the store password from store-password-file " + file + ": "
                    + e.getMessage() + "; check the path and that this host's user may read it");
        }
    }
}
