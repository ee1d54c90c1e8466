package io.floe.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment variables that carry a host's own secrets: the shared store's password and the admin token. The
 * one rule for every task's environment: tasks never inherit them (they start from the host's environment without
 * these), so a flow's script can not read them from its own environment.
 */
public final class HostSecrets {
    public static final String STORE_PASSWORD = "FLOE_STORE_PASSWORD";
    public static final String ADMIN_TOKEN = "FLOE_ADMIN";
    private static final Set<String> NAMES = Set.of(STORE_PASSWORD, ADMIN_TOKEN);

    private HostSecrets() {}

    /** {@code env} without the host's secrets. */
    public static Map<String, String> withoutSecrets(Map<String, String> env) {
        if (NAMES.stream().noneMatch(env::containsKey)) {
            return env;
        }
        Map<String, String> copy = new HashMap<>(env);
        copy.keySet().removeAll(NAMES);
        return copy;
    }
}
