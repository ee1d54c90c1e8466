package io.floe.engine.trigger;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;

/**
 * When a {@code timer} trigger fires: every {@code period} seconds (the original's option; 10 when neither is given),
 * or at the minutes a {@code cron} expression names, in the {@code timezone} opt (default UTC).
 */
public record TimerSchedule(Duration period, CronExpression cron, ZoneId zone) {
    static final long DEFAULT_PERIOD_SECONDS = 10;

    /** The schedule of a timer trigger; an {@link IllegalArgumentException} explains a bad one. */
    public static TimerSchedule of(NodeConfig trigger) {
        var opts = trigger.opts();
        ZoneId zone = ZoneId.of("UTC");
        String tz = Opts.string(opts, "timezone");
        if (!tz.isBlank()) {
            try {
                zone = ZoneId.of(tz);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("timezone '" + tz + "' is not a time zone (e.g. Europe/London)");
            }
        }
        String cron = Opts.string(opts, "cron");
        if (!cron.isBlank()) {
            return new TimerSchedule(null, CronExpression.parse(cron), zone);
        }
        if (opts.containsKey("period")) {
            OptionalLong p = Opts.integer(opts, "period");
            if (p.isEmpty() || p.getAsLong() <= 0) {
                throw new IllegalArgumentException("period '" + Opts.string(opts, "period")
                        + "' must be a whole number of seconds above 0");
            }
            return new TimerSchedule(Duration.ofSeconds(p.getAsLong()), null, zone);
        }
        return new TimerSchedule(Duration.ofSeconds(DEFAULT_PERIOD_SECONDS), null, zone);
    }

    /** Problems of a timer trigger's options, for config checks. */
    public static List<String> problems(NodeConfig trigger) {
        try {
            of(trigger);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    /** The first fire time after {@code after}. */
    public Instant next(Instant after) {
        return cron != null ? cron.next(after.atZone(zone), zone).toInstant() : after.plus(period);
    }
}
