package io.floe.standalone.cluster;

import com.google.gson.JsonElement;
import io.floe.engine.Floe;
import io.floe.engine.event.HostedRef;
import io.floe.engine.DataReceipt;
import io.floe.standalone.api.PushRoutes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends form data for a run that executes on another host to that host (the original dropped it silently and still
 * answered 200: fix of floe-spec §8.17), as the same {@code POST <base>/push/data} a user would send, and gives back
 * that host's answer.
 *
 * <p>Which host: the one this host dispatched the run to (its record says so); for a run this host knows nothing of,
 * the host that adopted it (the run id names it), which knows where it went and forwards once more. Each hop goes to
 * exactly one host, so a push is never broadcast through the cluster; and a push that comes back to a host that is
 * already forwarding it (possible only when a host lost its record of a run) is refused instead of circling.
 */
public final class ClusterDataForwarder implements PushRoutes.DataForwarder {
    private static final Logger log = LoggerFactory.getLogger(ClusterDataForwarder.class);

    private final Floe floe;
    private final Cluster cluster;
    private final Set<String> forwarding = ConcurrentHashMap.newKeySet();

    public ClusterDataForwarder(Floe floe, Cluster cluster) {
        this.floe = floe;
        this.cluster = cluster;
    }

    @Override
    public Optional<DataReceipt> forward(HostedRef run, String nodeId, Map<String, Object> values) {
        Optional<String> elsewhere = RunLocation.elsewhere(floe, run, cluster.hostId());
        if (elsewhere.isEmpty()) {
            return Optional.empty(); // it is (or was) this host's to run: this host's own answer stands
        }
        String target = elsewhere.get();
        Optional<Peer> peer = cluster.online(target);
        if (peer.isEmpty()) {
            return Optional.of(refused("run " + run + " is on host " + target + ", which does not answer now"
                    + " (or is not in this host's common.hosts); post the data again once it is back"));
        }
        String key = run + "/" + nodeId;
        if (!forwarding.add(key)) {
            return Optional.of(refused("data for node " + nodeId + " of run " + run + " is being forwarded from host "
                    + cluster.hostId() + " already (a second push at the same moment, or hosts that disagree about"
                    + " where the run is); post it again"));
        }
        try {
            return Optional.of(send(peer.get(), run, nodeId, values));
        } finally {
            forwarding.remove(key);
        }
    }

    private DataReceipt send(Peer peer, HostedRef run, String nodeId, Map<String, Object> values) {
        String id = peer.state().hostId();
        try {
            HostAnswer a = peer.client().pushData(run, nodeId, values)
                    .get(cluster.settings().requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            if (a.ok()) {
                log.info("data for node {} of run {} forwarded to host {}", nodeId, run, id);
                return new DataReceipt(true, complete(a.payload()), "supplied on host " + id);
            }
            return new DataReceipt(false, false, "host " + id + ": " + a.message(), a.status() == 400);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refused("interrupted while forwarding the data to host " + id);
        } catch (TimeoutException e) {
            return refused("host " + id + " did not answer in time; the data may or may not have arrived");
        } catch (ExecutionException e) {
            cluster.unreachable(peer, e.getCause());
            return refused("run " + run + " is on host " + id + ", which could not be reached ("
                    + Peer.describe(e) + "); post the data again once it is back");
        }
    }

    private static boolean complete(JsonElement payload) {
        return payload != null && payload.isJsonObject() && payload.getAsJsonObject().has("Complete")
                && payload.getAsJsonObject().get("Complete").getAsBoolean();
    }

    private static DataReceipt refused(String why) {
        return new DataReceipt(false, false, why);
    }
}
