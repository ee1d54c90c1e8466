package io.floe.standalone.api;

import io.floe.engine.event.HostedRef;
import io.javalin.http.Handler;
import java.util.Optional;

/** Where a request about a run goes when another host of the cluster executes it. */
public interface RunRelay {
    /** Passes the request on to the host that runs the run. */
    @FunctionalInterface
    interface Target extends Handler {}

    /** Who to ask about {@code run}, or empty when this host runs (or ran) it itself. */
    Optional<Target> target(HostedRef run);

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
