package io.floe.standalone.auth;

import io.floe.engine.config.UserConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks credentials: {@code admin} with the host's admin token as password, or a user of {@code common.users} with
 * their password. After {@value #MAX_FAILURES} failures from one address within a minute, further attempts from it are
 * refused for a minute, so passwords can not be guessed quickly.
 */
public final class Logins {
    static final int MAX_FAILURES = 5;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** The outcome of a login attempt. */
    public enum Result { OK, WRONG, THROTTLED }

    /** A successful login's user and role. */
    public record Who(String user, String role) {}

    private final String adminToken;
    private final List<UserConfig> users;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant since) {}

    public Logins(String adminToken, List<UserConfig> users, Clock clock) {
        this.adminToken = adminToken == null ? "" : adminToken;
        this.users = List.copyOf(users);
        this.clock = clock;
    }

    /** Whether {@code token} is the admin token (never when no admin token is set). Constant time. */
    public boolean isAdminToken(String token) {
        return !adminToken.isEmpty() && token != null && MessageDigest.isEqual(
                adminToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    public Result check(String address, String user, String password, java.util.function.Consumer<Who> onOk) {
        Failures f = failures.get(address);
        Instant now = clock.instant();
        if (f != null && f.count() >= MAX_FAILURES && f.since().plus(WINDOW).isAfter(now)) {
            return Result.THROTTLED;
        }
        Optional<Who> who = verify(user, password);
        if (who.isPresent()) {
            failures.remove(address);
            onOk.accept(who.get());
            return Result.OK;
        }
        failures.compute(address, (k, old) -> old == null || old.since().plus(WINDOW).isBefore(now)
                ? new Failures(1, now) : new Failures(old.count() + 1, old.since()));
        return Result.WRONG;
    }

    private Optional<Who> verify(String user, String password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        if (UserConfig.ADMIN.equals(user)) {
            return isAdminToken(password) ? Optional.of(new Who(user, Principal.ADMIN)) : Optional.empty();
        }
        for (UserConfig u : users) {
            if (u.name().equals(user) && PasswordHash.matches(password.toCharArray(), u.passwordHash())) {
                return Optional.of(new Who(u.name(), Principal.roleOf(u.role())));
            }
        }
        return Optional.empty();
    }
}
