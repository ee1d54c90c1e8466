package io.floe.engine.hub;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.NodeRef;
import io.floe.engine.run.RunEnd;
import java.util.Map;

/** An end node (floe-spec §3.8): the run ends there, good or bad as the event that reached it. */
final class EndNode implements NodeBehaviour {
    /** How the hub ends a run. */
    interface RunEnder {
        void end(ActiveRun run, NodeRef source, Map<String, Object> opts, RunEnd end, Turn turn);
    }

    private final RunEnder ender;

    EndNode(RunEnder ender) {
        this.ender = ender;
    }

    @Override
    public boolean arrive(ActiveRun run, NodeConfig n, Event e, Turn turn) {
        ender.end(run, n.ref(), e.opts(), RunEnd.endNode(n.id(), e.good()), turn);
        return false;
    }
}
