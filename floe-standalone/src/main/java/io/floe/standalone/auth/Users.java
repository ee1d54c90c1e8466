package io.floe.standalone.auth;

import io.floe.engine.config.UserConfig;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The config's users as this host knows them now. A config reload {@link #replace replaces} them, and the sessions
 * they no longer back end: those of users removed, or whose password hash or role changed. A login that checked a
 * user's old entry gets its session only while that entry is still the current one, so a reload can not be overtaken.
 */
public final class Users {
    private final Sessions sessions;
    private Map<String, UserConfig> byName;

    public Users(List<UserConfig> users, Sessions sessions) {
        this.sessions = sessions;
        this.byName = index(users);
    }

    public synchronized Optional<UserConfig> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Puts the reloaded config's users in place; returns the names whose sessions ended. */
    public synchronized Set<String> replace(List<UserConfig> next) {
        Map<String, UserConfig> now = index(next);
        Set<String> ended = new HashSet<>();
        for (UserConfig old : byName.values()) {
            UserConfig u = now.get(old.name());
            if (u == null || !u.passwordHash().equals(old.passwordHash()) || !u.role().equals(old.role())) {
                ended.add(old.name());
            }
        }
        byName = now;
        sessions.endAllOf(ended);
        return ended;
    }

    /** Runs {@code action} if {@code user} is still the current entry of its name (under the reload's lock). */
    synchronized boolean whileCurrent(UserConfig user, Runnable action) {
        if (byName.get(user.name()) != user) {
            return false;
        }
        action.run();
        return true;
    }

    private static Map<String, UserConfig> index(List<UserConfig> users) {
        Map<String, UserConfig> m = new LinkedHashMap<>();
        users.forEach(u -> m.putIfAbsent(u.name(), u));
        return m;
    }
}
