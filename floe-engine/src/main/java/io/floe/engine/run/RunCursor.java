package io.floe.engine.run;

import io.floe.engine.event.HostedRef;
import java.time.Instant;
import java.util.Optional;

/**
 * A position in a run listing, which is ordered newest first by adoption time, then by run id. Its text form
 * ({@code <epoch-millis>.<host>-<n>}) is what the API takes as {@code before}.
 */
public record RunCursor(Instant adopted, HostedRef run) {

    public static RunCursor of(RunRecord r) {
        return new RunCursor(r.adopted(), r.id());
    }

    public static Optional<RunCursor> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            long millis = Long.parseLong(text.substring(0, dot));
            return HostedRef.parse(text.substring(dot + 1)).map(r -> new RunCursor(Instant.ofEpochMilli(millis), r));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return adopted.toEpochMilli() + "." + run;
    }
}
