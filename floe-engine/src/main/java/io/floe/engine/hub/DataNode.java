package io.floe.engine.hub;

import io.floe.engine.config.DataForm;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.event.Event;
import io.floe.engine.event.RunRef;
import io.floe.engine.event.Tags;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunEnd;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A data node (floe-spec §3.7): a form the run waits at until its values are complete, from the event that reaches it
 * or supplied through the API; then {@code task.<id>.good} (or {@code .bad} when the values are refused).
 */
final class DataNode implements NodeBehaviour {
    private final Clock clock;

    DataNode(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean arrive(ActiveRun run, NodeConfig n, Event e, Turn turn) {
        offer(run, n, e.opts(), turn);
        return true;
    }

    /** Offers values to the form; returns the form status ({@link DataForm#COMPLETE}, …). */
    int offer(ActiveRun run, NodeConfig n, Map<String, Object> values, Turn turn) {
        Instant now = clock.instant();
        DataForm.Outcome outcome = DataForm.of(n.opts()).evaluate(values);
        boolean waiting = outcome.status() == DataForm.NEEDS_MORE;
        NodeRecord rec = new NodeRecord(n.id(), NodeKind.DATA, now, waiting ? null : now,
                outcome.status() == DataForm.COMPLETE, outcome.status(), "", Map.of(), outcome.opts(), waiting, 0);
        run.nodes.put(n.id(), rec);
        turn.batch.node(run.record.id(), rec);
        RunRef ref = run.record.ref();
        switch (outcome.status()) {
            case DataForm.COMPLETE -> turn.emitAndRoute(
                    Event.of(ref, n.ref(), Tags.task(n.id(), "good"), true, outcome.opts()));
            case DataForm.NEEDS_MORE -> turn.emit(
                    Event.of(ref, n.ref(), Tags.SYS_DATA_REQUIRED, true, outcome.opts()));
            default -> turn.emitAndRoute(Event.of(ref, n.ref(), Tags.task(n.id(), "bad"), false, outcome.opts()));
        }
        return outcome.status();
    }

    @Override
    public Optional<String> takenOverTag(NodeConfig n, NodeRecord old) {
        return Optional.of(Tags.task(n.id(), "good"));
    }

    /** A form still waiting stops waiting: nothing can answer it once its run ended. */
    @Override
    public Optional<NodeRecord> runEnds(ActiveRun run, NodeRecord n, RunEnd end, Instant now) {
        if (!n.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new NodeRecord(n.nodeId(), n.kind(), n.started(), n.stopped(), n.good(), n.exitStatus(),
                n.error(), n.waits(), n.opts(), false, n.logLines()));
    }
}
