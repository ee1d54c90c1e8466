package io.floe.engine.node;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The trigger types every host knows (floe-spec §2.6). Richer versions may replace them through the ServiceLoader. */
final class BuiltInTriggers {
    private BuiltInTriggers() {}

    static List<TriggerType> all() {
        return List.of(new Simple("data"), new Timer(), new Simple("poll-git"), new Simple("git-push"));
    }

    /** Matches every event of its type. */
    private record Simple(String name) implements TriggerType {}

    /** A timer trigger matches a timer event with the same period (floe-spec §2.6). */
    private static final class Timer implements TriggerType {
        @Override
        public String name() {
            return "timer";
        }

        @Override
        public boolean matches(NodeConfig trigger, Map<String, Object> eventOpts) {
            OptionalLong mine = Opts.integer(trigger.opts(), "period");
            OptionalLong theirs = Opts.integer(eventOpts, "period");
            return mine.isPresent() && theirs.isPresent() && mine.getAsLong() == theirs.getAsLong();
        }
    }
}
