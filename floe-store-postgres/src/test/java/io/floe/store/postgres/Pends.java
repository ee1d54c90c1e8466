package io.floe.store.postgres;

import io.floe.engine.config.FlowConfig;
import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.NodeRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.TestRuns;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Pends of flows with the host tags and resource tags a test needs. */
final class Pends {
    private Pends() {}

    static FlowConfig flow(String id, List<String> hostTags, List<String> resourceTags) {
        FlowConfig f = TestRuns.flow(id, 1);
        return new FlowConfig(f.id(), f.ver(), f.flowFile(), f.name(), f.reuseSpace(), hostTags, resourceTags,
                f.env(), f.triggers(), f.tasks(), "", 0);
    }

    static RunRecord pend(HostedRef id, FlowConfig flow, Instant adopted) {
        return new RunRecord(new RunRef(flow.ref(), id, ""), flow, new NodeRef("trigger", "start"),
                Map.of("ref", "main"), RunStatus.PENDING, adopted, null, null, false, "");
    }

    static RunRecord pend(String host, long n, FlowConfig flow, Instant adopted) {
        return pend(new HostedRef(host, n), flow, adopted);
    }

    /** Whether a host with {@code tags} may run the flow. */
    static java.util.function.Predicate<FlowConfig> hostWith(String... tags) {
        List<String> have = List.of(tags);
        return f -> have.containsAll(f.hostTags());
    }

    static FlowRef ref(String id) {
        return new FlowRef(id, 1);
    }
}
