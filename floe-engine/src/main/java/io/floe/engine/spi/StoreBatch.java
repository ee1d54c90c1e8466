package io.floe.engine.spi;

import io.floe.engine.event.HostedRef;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state changes of one turn of the hub's routing loop, written by {@link RunStore#commit} in one transaction
 * (group commit: one fsync per turn, not per event). Later changes to the same row win.
 */
public final class StoreBatch {
    /** One change. */
    public sealed interface Change permits Counter, Run, Node, State {}

    /** The host's run counter. */
    public record Counter(long value) implements Change {}

    /** Insert or replace a run's head. */
    public record Run(RunRecord record) implements Change {}

    /** Insert or replace one node record of a run. */
    public record Node(HostedRef run, NodeRecord record) implements Change {}

    /** Insert or replace (or, with a null value, delete) a piece of named state, e.g. a poller's refs. */
    public record State(String key, String value) implements Change {}

    private final List<Change> changes = new ArrayList<>();

    public StoreBatch counter(long value) {
        changes.add(new Counter(value));
        return this;
    }

    public StoreBatch run(RunRecord record) {
        changes.add(new Run(record));
        return this;
    }

    public StoreBatch node(HostedRef run, NodeRecord record) {
        changes.add(new Node(run, record));
        return this;
    }

    public StoreBatch state(String key, String value) {
        changes.add(new State(key, value));
        return this;
    }

    /** Appends the changes of {@code later}, which win over this batch's where they change the same row. */
    public StoreBatch addAll(StoreBatch later) {
        changes.addAll(later.changes);
        return this;
    }

    /** The number of changes (a row changed twice counts twice). */
    public int size() {
        return changes.size();
    }

    /** The value this batch gives {@code key}, if it sets it (null when it deletes it). */
    public Optional<String> stateSet(String key) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i) instanceof State st && st.key().equals(key)) {
                return Optional.ofNullable(st.value());
            }
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<Change> changes() {
        return List.copyOf(changes);
    }

    public void clear() {
        changes.clear();
    }
}
