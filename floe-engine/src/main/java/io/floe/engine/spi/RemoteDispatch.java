package io.floe.engine.spi;

import io.floe.engine.run.RunRecord;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Hands pends this host can not run to other hosts, in the original-compatible mode where every host keeps its own
 * store (the standalone host offers them over HTTP to the hosts of {@code common.hosts}; see
 * {@code Floe.Builder.remote}). Not used on a shared store: there the hosts claim pends from the store. Offers must be
 * safe to repeat: a host that already took a run answers as if it took it again, so a pend whose acceptance was lost in
 * transit is neither lost nor started twice.
 */
public interface RemoteDispatch {
    /** No other hosts: pends wait until this host can run them. */
    RemoteDispatch NONE = pend -> CompletableFuture.completedFuture(Optional.empty());

    /**
     * Offers the pend to the hosts whose tags fit it, in order, until one takes it. Called off the routing thread.
     *
     * @return the id of the host that took it, or empty when none would (busy, down, no fitting host)
     */
    CompletableFuture<Optional<String>> offer(RunRecord pend);
}
