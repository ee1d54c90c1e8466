package io.floe.standalone.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions, in memory. Ids and CSRF tokens are 128 random bits each. A session lapses {@link #IDLE} after its
 * last use and ends {@link #ABSOLUTE} after the login whatever its use, so a stolen id does not live forever; a user
 * keeps at most {@link #PER_USER} sessions, a new login ending her oldest. Times come from the clock.
 */
public final class Sessions {
    public static final Duration IDLE = Duration.ofDays(1);
    public static final Duration ABSOLUTE = Duration.ofDays(7);
    public static final int PER_USER = 20;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public synchronized Session create(String user, String role) {
        Instant now = clock.instant();
        purge(now);
        // the cap also bounds memory: sessions only come from right credentials, at most PER_USER per user
        var mine = byToken.values().stream().filter(s -> s.user().equals(user))
                .sorted(Comparator.comparing(Session::created)).toList();
        for (int i = 0; i <= mine.size() - PER_USER; i++) {
            byToken.remove(mine.get(i).token());
        }
        Session s = new Session(randomHex(), user, role, randomHex(), now, lapse(now, now));
        byToken.put(s.token(), s);
        return s;
    }

    /** The live session with this id, its idle lapse pushed back by this use (never past its absolute end). */
    public Optional<Session> use(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session[] live = new Session[1];
        // atomically: a session ended meanwhile (logout, reload) stays ended, and a lapsed one goes
        byToken.computeIfPresent(token, (k, s) -> {
            if (!s.expires().isAfter(now)) {
                return null;
            }
            live[0] = s.extendedTo(lapse(s.created(), now));
            return live[0];
        });
        return Optional.ofNullable(live[0]);
    }

    public void end(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    /** Ends every session of these users (removed from the config, or their password or role changed). */
    public void endAllOf(Set<String> users) {
        if (!users.isEmpty()) {
            byToken.values().removeIf(s -> users.contains(s.user()));
        }
    }

    public int size() {
        return byToken.size();
    }

    private static Instant lapse(Instant created, Instant lastUse) {
        Instant idle = lastUse.plus(IDLE);
        Instant end = created.plus(ABSOLUTE);
        return idle.isBefore(end) ? idle : end;
    }

    private void purge(Instant now) {
        byToken.values().removeIf(s -> !s.expires().isAfter(now));
    }

    private String randomHex() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
