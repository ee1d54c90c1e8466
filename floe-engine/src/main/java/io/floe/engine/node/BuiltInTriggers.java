package io.floe.engine.node;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.spi.TriggerType;
import io.floe.engine.trigger.TimerSchedule;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The trigger types every host knows (floe-spec §2.6). Richer versions may replace them through the ServiceLoader. */
public final class BuiltInTriggers {
    private BuiltInTriggers() {}

    public static List<TriggerType> all() {
        return List.of(new Simple("data"), new Timer(), new Simple("poll-git"), new io.floe.engine.trigger.GitPushTrigger());
    }

    /** Matches every event of its type. */
    private record Simple(String name) implements TriggerType {}

    /** A timer trigger matches a timer event with the same period (floe-spec §2.6). */
    private static final class Timer implements TriggerType {
        @Override
        public String name() {
            return "timer";
        }

        /** Same period, or same cron expression. */
        @Override
        public boolean matches(NodeConfig trigger, Map<String, Object> eventOpts) {
            OptionalLong mine = Opts.integer(trigger.opts(), "period");
            OptionalLong theirs = Opts.integer(eventOpts, "period");
            if (mine.isPresent() && theirs.isPresent()) {
                return mine.getAsLong() == theirs.getAsLong();
            }
            String cron = Opts.string(trigger.opts(), "cron");
            return !cron.isBlank() && cron.equals(Opts.string(eventOpts, "cron"));
        }

        @Override
        public List<String> check(NodeConfig trigger) {
            return TimerSchedule.problems(trigger);
        }
    }
}
