package io.floe.engine.run;

import io.floe.engine.store.jdbc.ListingKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which runs of a listing to keep: by how they stand ({@link Outcome}), by what started them ({@link StarterMatch}),
 * by trigger values (each named value equal to the given text), and by adoption time ({@code since} inclusive,
 * {@code until} exclusive). Empty parts keep everything; {@link #NONE} keeps every run. Stores apply it in their
 * listing query, so a page of a filtered listing costs a scan of the runs it skips, never loading them all.
 */
public record RunFilter(Set<Outcome> outcomes, StarterMatch startedBy, Map<String, String> values, Instant since,
        Instant until) {

    /** A trigger value's name: what a form field id or a webhook's value is called (no quotes, so SQL paths stay safe). */
    public static final Pattern VALUE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public static final RunFilter NONE = new RunFilter(null, null, null, null, null);

    /** How a listed run stands: ended good, bad or cancelled, or still running or pending. */
    public enum Outcome {
        GOOD,
        BAD,
        CANCELLED,
        RUNNING,
        PENDING;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Outcome> ofWire(String text) {
            for (Outcome o : values()) {
                if (o.wire().equals(text)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }

        static Outcome of(RunRecord r) {
            return switch (r.status()) {
                case PENDING, DISPATCHED -> PENDING;
                case ACTIVE -> RUNNING;
                case ARCHIVED -> switch (r.result()) {
                    case GOOD -> GOOD;
                    case BAD -> BAD;
                    case CANCELLED -> CANCELLED;
                };
            };
        }
    }

    /**
     * What started a run: any of {@code kinds} (all when empty) and, when {@code name} is not empty, that name (the
     * user, the timer, the repository, the peer host as {@link Provenance} keeps it).
     */
    public record StarterMatch(Set<Provenance.Starter> kinds, String name) {
        public StarterMatch {
            kinds = kinds == null || kinds.isEmpty() ? EnumSet.noneOf(Provenance.Starter.class) : EnumSet.copyOf(kinds);
            name = name == null ? "" : name;
        }

        boolean matches(Provenance p) {
            return (kinds.isEmpty() || kinds.contains(p.starter())) && (name.isEmpty() || name.equals(p.name()));
        }
    }

    public RunFilter {
        outcomes = outcomes == null || outcomes.isEmpty() ? EnumSet.noneOf(Outcome.class) : EnumSet.copyOf(outcomes);
        values = values == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(values));
        for (String name : values.keySet()) {
            if (!VALUE_NAME.matcher(name).matches() || name.equals(Provenance.KEY)) {
                throw new IllegalArgumentException("'" + name + "' is not a trigger value name (letters, digits, _ . -)");
            }
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since " + since + " is not before until " + until);
        }
    }

    /** True when this filter keeps every run. */
    public boolean none() {
        return outcomes.isEmpty() && startedBy == null && values.isEmpty() && since == null && until == null;
    }

    /** Whether runs in {@code status} can pass at all: a listing skips the statuses that cannot. */
    public boolean admits(RunStatus status) {
        if (outcomes.isEmpty()) {
            return true;
        }
        return switch (status) {
            case PENDING, DISPATCHED -> outcomes.contains(Outcome.PENDING);
            case ACTIVE -> outcomes.contains(Outcome.RUNNING);
            case ARCHIVED -> outcomes.contains(Outcome.GOOD) || outcomes.contains(Outcome.BAD)
                    || outcomes.contains(Outcome.CANCELLED);
        };
    }

    /** The rule every store follows; the SQL stores say the same in {@link RunFilterSql}. */
    public boolean matches(RunRecord r) {
        if (!outcomes.isEmpty() && !outcomes.contains(Outcome.of(r))) {
            return false;
        }
        if (startedBy != null && !startedBy.matches(Provenance.of(r.opts()))) {
            return false;
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            Object got = r.opts().get(v.getKey());
            if (got == null || got instanceof Map || got instanceof Iterable || !v.getValue().equals(got.toString())) {
                return false;
            }
        }
        long adopted = ListingKey.millis(r.adopted());
        return (since == null || adopted >= since.toEpochMilli()) && (until == null || adopted < until.toEpochMilli());
    }
}
