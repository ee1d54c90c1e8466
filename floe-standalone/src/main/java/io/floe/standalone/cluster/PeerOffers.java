package io.floe.standalone.cluster;

import io.floe.engine.run.RunRecord;
import io.floe.engine.spi.RemoteDispatch;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers pends this host can not run to the other hosts (floe-spec §4.3): those online whose tags include the flow's
 * {@code host-tags}, one after the other in {@code hosts} order, never two at once. {@code 200} means the host took it;
 * {@code 409} (a conflicting run there) or any failure moves on to the next. A host that can not be reached is marked
 * offline, so it is skipped until it answers a ping again. Offers are safe to repeat: a host that already took the run
 * answers 200 again, so an acceptance lost in transit is neither lost nor run twice.
 */
public final class PeerOffers implements RemoteDispatch {
    private static final Logger log = LoggerFactory.getLogger(PeerOffers.class);

    private final Cluster cluster;

    public PeerOffers(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public CompletableFuture<Optional<String>> offer(RunRecord pend) {
        List<Peer> candidates = cluster.candidates(pend.flow().hostTags());
        if (candidates.isEmpty()) {
            log.debug("run {}: no other host online with tags {}", pend.id(), pend.flow().hostTags());
        }
        return offer(pend, candidates, 0);
    }

    private CompletableFuture<Optional<String>> offer(RunRecord pend, List<Peer> candidates, int i) {
        if (i >= candidates.size()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Peer peer = candidates.get(i);
        String id = peer.state().hostId();
        return peer.client().offer(pend).handleAsync((answer, err) -> {
            if (err != null) {
                cluster.unreachable(peer, err);
                return false;
            }
            if (answer.ok()) {
                peer.fine();
                return true;
            }
            if (answer.status() == 409) {
                log.debug("run {}: host {} is busy ({})", pend.id(), id, answer.message());
            } else {
                peer.refused("refused run offers: " + answer);
            }
            return false;
        }, cluster.executor()).thenCompose(taken -> taken ? CompletableFuture.completedFuture(Optional.of(id))
                : offer(pend, candidates, i + 1));
    }
}
