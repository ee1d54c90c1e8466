package io.floe.standalone.api;

import io.floe.engine.event.HostedRef;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * The one way a request about a run reaches the host that must answer it when that is another host of the cluster:
 * cancels, re-runs, form data, logs and artifacts alike. A route asks it first; when it names a target, the route hands
 * the request over as it came and the other host's answer is this host's answer.
 */
public interface RunRelay {
    /** Passes the request on to the host that must answer it. */
    @FunctionalInterface
    interface Target extends Handler {}

    /**
     * The host that runs {@code run} (cancel it, re-run it, supply its form data), or empty when this host runs (or
     * ran) it itself.
     */
    Optional<Target> target(HostedRef run);

    /** The host that keeps the run's task logs, or empty when this host has them (a shared store has them all). */
    default Optional<Target> logs(HostedRef run) {
        return target(run);
    }

    /**
     * Who to ask for what the executing host keeps on its own disk (a run's artifacts), or empty when this host ran
     * {@code run}: unlike logs, these are not in a shared store.
     */
    default Optional<Target> executor(HostedRef run) {
        return target(run);
    }

    /** A single host: every run is its own. */
    RunRelay NONE = run -> Optional.empty();
}
