package io.floe.engine.hub;

import io.floe.engine.config.NodeConfig;
import io.floe.engine.config.Opts;
import io.floe.engine.event.Event;
import io.floe.engine.event.Tags;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A merge (floe-spec §3.6): records each awaited tag that arrives, with the opts merged, and fires
 * {@code merge.<id>.good} once {@link #fires} says so. Its two kinds differ only in that rule.
 */
abstract class MergeNode implements NodeBehaviour {
    private final Clock clock;

    MergeNode(Clock clock) {
        this.clock = clock;
    }

    /** Whether a merge that has received {@code received} of its waits fires now. */
    abstract boolean fires(NodeConfig n, Map<String, Boolean> received);

    @Override
    public boolean arrive(ActiveRun run, NodeConfig n, Event e, Turn turn) {
        Instant now = clock.instant();
        NodeRecord before = run.nodes.get(n.id());
        Map<String, Boolean> waits = new TreeMap<>(before == null ? Map.of() : before.waits());
        waits.put(e.tag(), true);
        Map<String, Object> opts = Opts.merge(before == null ? Map.of() : before.opts(), e.opts());
        boolean fires = fires(n, waits);
        NodeRecord rec = new NodeRecord(n.id(), NodeKind.MERGE, before == null ? now : before.started(),
                fires ? now : null, fires, null, "", waits, opts, false, 0);
        run.nodes.put(n.id(), rec);
        turn.batch.node(run.record.id(), rec);
        turn.emit(Event.of(run.record.ref(), n.ref(), Tags.SYS_NODE_UPDATE, false, Map.of("waits", waits)));
        if (fires) {
            turn.emitAndRoute(Event.of(run.record.ref(), n.ref(), Tags.mergeGood(n.id()), true, opts));
        }
        return true;
    }

    /** Fires once every awaited tag has arrived. */
    static final class All extends MergeNode {
        All(Clock clock) {
            super(clock);
        }

        @Override
        boolean fires(NodeConfig n, Map<String, Boolean> received) {
            return received.size() == n.waits().size();
        }
    }

    /** Fires on the first awaited tag, and only then. */
    static final class Any extends MergeNode {
        Any(Clock clock) {
            super(clock);
        }

        @Override
        boolean fires(NodeConfig n, Map<String, Boolean> received) {
            return received.size() == 1;
        }
    }
}
