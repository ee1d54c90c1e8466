package io.floe.engine.config;

/**
 * A person who may log in to a host's dashboard, from {@code common.users}: a name, a salted password hash (made with
 * {@code floe hash-password}) and a role, {@code admin} or {@code user} (may trigger, supply data and cancel).
 *
 * @param line the YAML line, for error messages
 */
public record UserConfig(String name, String passwordHash, String role, int line) {
    public static final String ADMIN = "admin";
    public static final String USER = "user";

    public UserConfig {
        name = name == null ? "" : name;
        passwordHash = passwordHash == null ? "" : passwordHash;
        role = role == null || role.isBlank() ? USER : role;
    }
}
