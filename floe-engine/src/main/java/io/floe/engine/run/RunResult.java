package io.floe.engine.run;

import java.util.Locale;
import java.util.Map;

/**
 * How a run ended: {@code good}, {@code bad}, or {@code cancelled} (by a person, a script or the host; who and why is
 * in its end reason). The store keeps the original's good flag and the reason; a cancelled run's reason starts with
 * {@value #CANCELLED_PREFIX} ({@link RunEnd} words and reads it), so archives written before this type read the same.
 */
public enum RunResult {
    GOOD,
    BAD,
    CANCELLED;

    /** How every cancelled run's end reason begins. */
    public static final String CANCELLED_PREFIX = "cancelled";

    /** The end reason of a run cancelled while active for {@code why} (e.g. {@code cancelled by alice}). */
    public static String cancelledReason(String why) {
        return RunEnd.cancelled(why).reason();
    }

    /** The end reason of a pend cancelled before it started. */
    public static String cancelledBeforeStart(String why) {
        return RunEnd.cancelledBeforeStart(why).reason();
    }

    public static RunResult of(boolean good, String endReason) {
        return good ? GOOD : RunEnd.read(false, endReason).result();
    }

    /**
     * The result a {@code sys.end.all} event announces: its {@code result} opt when it has one, else from its good
     * flag and reason.
     */
    public static RunResult ofEnd(boolean good, Map<String, Object> opts) {
        if (opts.get("result") instanceof String s) {
            for (RunResult r : values()) {
                if (r.wire().equals(s)) {
                    return r;
                }
            }
        }
        return of(good, opts.get("reason") instanceof String s ? s : "");
    }

    /** As the API and the websocket write it: {@code good}, {@code bad}, {@code cancelled}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
