package io.floe.engine.hub;

import io.floe.engine.StoreHealth;
import io.floe.engine.event.Event;
import io.floe.engine.spi.StoreBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The turns of the routing loop that the run store could not save yet, and why.
 * <p>
 * The rule: a turn is durable or, to everyone outside the hub, it did not happen. When a turn's commit fails its
 * changes wait here, and everything the turn would make known or start waits with them: its events, its task starts,
 * its offers to peers. Its callers are answered {@link StoreUnavailable}, never with success. While anything waits, the
 * runs in the hub's memory are ahead of the store: they hold every turn since the last commit, and each later turn
 * waits behind the earlier ones (it is not even tried until the next retry). They move on only on what cannot be
 * refused: a running task's end (its process has run) and a cancel (it stops processes at once; its caller hears that
 * it is not saved yet). New triggers and pends offered by other hosts are tried in a commit of their own, after the
 * waiting changes, and undone and refused when it fails (while nothing waits they share the turn's commit, and are
 * undone and refused the same way when it fails); form data is refused before it changes anything. The hub
 * retries with back-off; once a commit takes the waiting changes, their events are published and their tasks
 * started, turn by turn, in order. If the host stops first they are lost as in a crash: the host restarts from the
 * last commit, and nothing of them was told or started.
 */
final class UnsavedTurns {
    /** How long to wait before the n-th retry in a row: doubling from {@code first} up to {@code max}. */
    record BackOff(Duration first, Duration max) {
        static final BackOff DEFAULT = new BackOff(Duration.ofMillis(100), Duration.ofSeconds(5));

        Duration delay(int failuresInARow) {
            Duration d = first.multipliedBy(1L << Math.min(20, Math.max(0, failuresInARow - 1)));
            return d.compareTo(max) > 0 ? max : d;
        }
    }

    /** What waited for the store and may now be told and started, in order. */
    record Released(List<Event> events, List<Runnable> starts) {}

    private final BackOff backOff;
    private StoreBatch changes = new StoreBatch();
    private final List<Event> events = new ArrayList<>();
    private final List<Runnable> starts = new ArrayList<>();
    private int failuresInARow;
    // read by API threads (health, metrics)
    private volatile String problem;
    private volatile long failedCommits;
    private volatile int waitingChanges;

    UnsavedTurns(BackOff backOff) {
        this.backOff = backOff;
    }

    /** Whether changes, events or starts wait for the store. */
    boolean waiting() {
        return !changes.isEmpty() || !events.isEmpty() || !starts.isEmpty();
    }

    /** The waiting changes followed by {@code turn}'s: what the next commit must write, in order. */
    StoreBatch before(StoreBatch turn) {
        return new StoreBatch().addAll(changes).addAll(turn);
    }

    /** Keeps a turn that was not saved, behind the turns already waiting. */
    void hold(Turn turn) {
        changes.addAll(turn.batch);
        events.addAll(turn.outgoing());
        starts.addAll(turn.sideEffects());
        waitingChanges = changes.size();
    }

    /** Keeps a change of its own, so that the next retry writes something and finds out whether the store writes. */
    void probe(String key, String value) {
        changes.state(key, value);
        waitingChanges = changes.size();
    }

    /** A commit failed: notes why, and returns how long to wait before trying again. */
    Duration failed(RuntimeException e) {
        problem = e.getMessage() == null ? e.toString() : e.getMessage();
        failedCommits++;
        failuresInARow++;
        return backOff.delay(failuresInARow);
    }

    /** Commits failed in a row since the last one that succeeded. */
    int failuresInARow() {
        return failuresInARow;
    }

    /** Why the store does not write, or null when it does. */
    String problem() {
        return problem;
    }

    /** A commit took the waiting changes: hands back their events and starts, and forgets them. */
    Released saved() {
        Released r = new Released(List.copyOf(events), List.copyOf(starts));
        forget();
        problem = null;
        failuresInARow = 0;
        return r;
    }

    /** Drops everything waiting (this host lost its runs to another host, or stops). */
    void forget() {
        changes = new StoreBatch();
        events.clear();
        starts.clear();
        waitingChanges = 0;
    }

    int size() {
        return changes.size();
    }

    StoreHealth health() {
        return new StoreHealth(Optional.ofNullable(problem), failedCommits, waitingChanges);
    }
}
