package io.floe.standalone.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions, in memory. Ids and CSRF tokens are 128 random bits each; a session lapses 10 days after its last
 * use, as the original's did.
 */
public final class Sessions {
    public static final Duration LIFETIME = Duration.ofDays(10);
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public Session create(String user, String role) {
        purge();
        Session s = new Session(randomHex(), user, role, randomHex(), clock.instant().plus(LIFETIME));
        byToken.put(s.token(), s);
        return s;
    }

    /** The live session with this id, its lifetime extended by this use. */
    public Optional<Session> use(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Session s = byToken.get(token);
        if (s == null) {
            return Optional.empty();
        }
        if (s.expires().isBefore(clock.instant())) {
            byToken.remove(token);
            return Optional.empty();
        }
        Session extended = s.extendedTo(clock.instant().plus(LIFETIME));
        byToken.put(token, extended);
        return Optional.of(extended);
    }

    public void end(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    public int size() {
        return byToken.size();
    }

    private void purge() {
        var now = clock.instant();
        byToken.values().removeIf(s -> s.expires().isBefore(now));
    }

    private String randomHex() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
