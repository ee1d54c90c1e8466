package io.floe.standalone.config;

import io.floe.engine.Floe;
import io.floe.engine.RepoPush;
import io.floe.engine.config.ConfigException;
import io.floe.engine.event.Event;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.standalone.auth.Users;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the host's config without a restart: on request ({@code POST <base>/config/reload}), on a push to the
 * config's repository, and every {@code config-poll} seconds when set. The new config is read and checked whole
 * before it replaces the old one; one that does not load is refused (in the log, as a {@code sys.error} event, and in
 * the answer) and the host goes on with the old one. A reload applies {@code common.users} too: users removed, or
 * whose password hash or role changed, lose their sessions at once ({@link Users#replace}).
 */
public final class ConfigReloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

    /** The answer to one reload: whether the config changed, and why not when it was refused. */
    public record Result(boolean applied, boolean changed, String error, ConfigOrigin origin) {}

    private final HostConfigSource source;
    private final Floe floe;
    private final Consumer<Event> announce;
    private final Users users;
    private volatile HostConfigSource.Loaded current;
    private volatile String lastError = "";
    private ScheduledExecutorService poller;

    public ConfigReloader(HostConfigSource source, HostConfigSource.Loaded initial, Floe floe,
            Consumer<Event> announce, Users users) {
        this.source = source;
        this.users = users;
        this.current = initial;
        this.floe = floe;
        this.announce = announce;
    }

    /** Reads the config again and, when it loads and differs, puts it in place. */
    public synchronized Result reload(String why) {
        HostConfigSource.Loaded next;
        try {
            next = source.load();
        } catch (ConfigException e) {
            lastError = e.getMessage();
            log.error("config reload ({}) refused; the host keeps its config from {}:\n{}", why,
                    current.origin().reference(), e.getMessage());
            announce.accept(Event.of(RunRef.unadopted(FlowRef.NONE), NodeRef.NONE, Tags.SYS_ERROR, false,
                    Map.of("error", "config reload refused: " + e.getMessage())));
            return new Result(false, false, e.getMessage(), current.origin());
        }
        lastError = "";
        boolean changed = !next.text().equals(current.text());
        if (changed) {
            floe.reload(next.config());
            Set<String> ended = users.replace(next.config().common().users());
            if (!ended.isEmpty()) {
                log.info("config reload ({}): the sessions of {} ended (removed, or password or role changed)", why,
                        ended);
            }
            log.info("config reloaded ({}) from {}{}: {} flows", why, next.origin().reference(),
                    next.origin().commit().isEmpty() ? "" : " at " + next.origin().commit(),
                    next.config().flows().size());
        }
        current = changed ? next : new HostConfigSource.Loaded(current.config(), next.origin(), current.text());
        return new Result(true, changed, "", current.origin());
    }

    public ConfigOrigin origin() {
        return current.origin();
    }

    /** The reason the last reload was refused, or empty. */
    public String lastError() {
        return lastError;
    }

    /** Whether a push to one of {@code urls} changes the config (it lives in that repository). */
    public boolean livesIn(List<String> urls) {
        ConfigOrigin o = current.origin();
        if (!"git".equals(o.kind())) {
            return false;
        }
        String ref = o.reference();
        int cut = ref.indexOf(".git/");
        String repo = cut > 0 ? ref.substring(0, cut + 4) : ref;
        return urls.stream().anyMatch(u -> RepoPush.sameRepository(repo, u));
    }

    /** Checks for a new config every {@code period} (the config's {@code config-poll}). */
    public synchronized void pollEvery(Duration period) {
        if (period.isZero() || period.isNegative() || poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "floe-config-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                reload("config-poll");
            } catch (RuntimeException e) {
                log.error("config poll failed", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
