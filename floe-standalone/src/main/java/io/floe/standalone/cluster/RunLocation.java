package io.floe.standalone.cluster;

import io.floe.engine.Floe;
import io.floe.engine.event.HostedRef;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import java.util.Optional;

/**
 * Which other host runs a run, for requests that must reach it (form data, cancels): a pend this host dispatched
 * there over HTTP, a run active on another host of a shared store, or a run this host has never seen (it is the
 * adopting host's). Empty when the run is, or was, this host's to answer for.
 */
final class RunLocation {
    private RunLocation() {}

    static Optional<String> elsewhere(Floe floe, HostedRef run, String thisHost) {
        Optional<RunRecord> here = floe.run(run).map(r -> r.record());
        String host;
        if (here.isPresent()) {
            RunRecord r = here.get();
            boolean away = r.status() == RunStatus.DISPATCHED
                    || floe.sharesStore() && r.status() == RunStatus.ACTIVE;
            if (!away) {
                return Optional.empty();
            }
            host = r.ref().execHost();
        } else {
            host = run.hostId();
        }
        return host.isEmpty() || host.equals(thisHost) ? Optional.empty() : Optional.of(host);
    }
}
