package io.floe.standalone.auth;

import io.floe.engine.config.UserConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks the secrets a caller can guess: {@code admin} with the host's admin token as password, a user of
 * {@code common.users} with her password, and the admin token alone ({@code X-Floe-Auth}, the {@code /metrics}
 * Bearer). Every check goes through the {@link CredentialThrottle}; the admin token counts as account {@code admin}
 * on every path, since it is one secret. A name that is no user is checked against a dummy hash, so it costs what a
 * user's check costs.
 */
public final class Logins {
    /** A successful login's user and role. */
    public record Who(String user, String role) {}

    private final String adminToken;
    private final Users users;
    private final CredentialThrottle throttle;
    private final PasswordCheck passwords;

    public Logins(String adminToken, Users users, CredentialThrottle throttle) {
        this(adminToken, users, throttle, PasswordHash::matches);
    }

    public Logins(String adminToken, Users users, CredentialThrottle throttle, PasswordCheck passwords) {
        this.adminToken = adminToken == null ? "" : adminToken;
        this.users = users;
        this.throttle = throttle;
        this.passwords = passwords;
    }

    /** The config's users, which a reload replaces. */
    public Users users() {
        return users;
    }

    /** Whether {@code token} is the admin token (never when no admin token is set). Constant time. */
    private boolean isAdminToken(String token) {
        return !adminToken.isEmpty() && token != null && MessageDigest.isEqual(
                adminToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** The admin token as a caller at {@code address} sent it in a header: throttled as a login of {@code admin}. */
    public AuthOutcome checkAdminToken(String address, String token) {
        return throttle.attempt(address, UserConfig.ADMIN, () -> isAdminToken(token));
    }

    /** A login; {@code onOk} makes the session, while the user's entry is still the config's. */
    public AuthOutcome check(String address, String user, String password, Consumer<Who> onOk) {
        String account = user == null ? "" : user;
        return throttle.attempt(address, account, () -> {
            if (UserConfig.ADMIN.equals(account)) {
                if (!isAdminToken(password)) {
                    return false;
                }
                onOk.accept(new Who(account, Principal.ADMIN));
                return true;
            }
            Optional<UserConfig> found = users.find(account);
            char[] typed = password == null ? new char[0] : password.toCharArray();
            // the same work whether the name exists or not: the answer's time does not tell
            boolean right = passwords.matches(typed, found.map(UserConfig::passwordHash).orElse(PasswordHash.DUMMY))
                    && found.isPresent() && password != null;
            if (!right) {
                return false;
            }
            UserConfig u = found.get();
            Who who = new Who(u.name(), Principal.roleOf(u.role()));
            return users.whileCurrent(u, () -> onOk.accept(who));
        });
    }
}
