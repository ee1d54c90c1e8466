package io.floe.engine.config;

/**
 * A person who may log in to a host's dashboard, from {@code common.users}: a name, a salted password hash (made with
 * {@code floe hash-password}) and a role, {@code admin}, {@code user}
 * (may trigger, supply data and cancel) or {@code viewer} (may only read).
 *
 * @param line the YAML line, for error messages
 */
public record UserConfig(String name, String passwordHash, String role, int line) {
    public static final String ADMIN = "admin";
    public static final String USER = "user";
    public static final String VIEWER = "viewer";
    /** The roles a user may have: {@code viewer} reads only, {@code user} also triggers, answers and cancels. */
    public static final java.util.List<String> ROLES = java.util.List.of(VIEWER, USER, ADMIN);

    public UserConfig {
        name = name == null ? "" : name;
        passwordHash = passwordHash == null ? "" : passwordHash;
        role = role == null || role.isBlank() ? USER : role;
    }
}
