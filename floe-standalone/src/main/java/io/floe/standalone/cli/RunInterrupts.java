package io.floe.standalone.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while {@code floe run} runs a flow: the first cancels the run, so that its tasks stop and
 * it ends cancelled, and {@code floe run} exits with {@code 128 + the signal's number} (130, 143) as shells expect; a
 * second exits at once. The handlers the JVM had are put back on {@link #close}.
 */
final class RunInterrupts implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile Signal received;

    private RunInterrupts() {}

    /**
     * Handles the signals from now on, calling {@code cancel} with a reason (e.g. {@code interrupted by SIGINT
     * (Ctrl-C)}) on the first. Empty when the JVM does not let us (then its shutdown hooks stop the run).
     */
    static Optional<RunInterrupts> install(Consumer<String> cancel) {
        RunInterrupts r = new RunInterrupts();
        try {
            for (String name : SIGNALS) {
                Signal sig = new Signal(name);
                r.previous.put(sig, Signal.handle(sig, s -> r.on(s, cancel)));
            }
            return Optional.of(r);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            r.close();
            return Optional.empty();
        }
    }

    private void on(Signal s, Consumer<String> cancel) {
        if (received != null) {
            Runtime.getRuntime().halt(ExitCodes.signalled(s.getNumber())); // asked twice: out now
        }
        received = s;
        cancel.accept("interrupted by SIG" + s.getName() + ("INT".equals(s.getName()) ? " (Ctrl-C)" : ""));
    }

    /** The number of the signal that came, if one did. */
    Optional<Integer> signal() {
        Signal s = received;
        return s == null ? Optional.empty() : Optional.of(s.getNumber());
    }

    @Override
    public void close() {
        previous.forEach((sig, handler) -> {
            try {
                Signal.handle(sig, handler);
            } catch (IllegalArgumentException e) {
                // it was never ours to put back
            }
        });
    }
}
