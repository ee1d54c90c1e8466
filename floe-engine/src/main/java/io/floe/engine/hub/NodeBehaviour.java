package io.floe.engine.hub;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.Event;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunEnd;
import java.time.Instant;
import java.util.Optional;

/**
 * What one kind of node ({@link io.floe.engine.graph.FlowNodeKind}) does when the hub routes to it: one class per
 * kind, so routing is a call, not a chain of type names. Runs only on the hub's routing thread.
 */
interface NodeBehaviour {

    /**
     * An event node {@code n} listens to reached it in {@code run}. False when that ended the run: the event's other
     * listeners are then not reached.
     */
    boolean arrive(ActiveRun run, NodeConfig n, Event e, Turn turn);

    /**
     * The tag node {@code n} emits again when a run re-run from a step takes over its record {@code old} from the
     * earlier run; empty when a node of this kind is never taken over (it does its part again).
     */
    default Optional<String> takenOverTag(NodeConfig n, NodeRecord old) {
        return Optional.empty();
    }

    /**
     * The run ends for {@code end} while the node has record {@code rec}: it stops what it runs or waits for. Its
     * record as it is left, or empty when unchanged.
     */
    default Optional<NodeRecord> runEnds(ActiveRun run, NodeRecord rec, RunEnd end, Instant now) {
        return Optional.empty();
    }
}
