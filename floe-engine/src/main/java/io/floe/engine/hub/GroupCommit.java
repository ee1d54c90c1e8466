package io.floe.engine.hub;

import io.floe.engine.StoreUnavailable;
import io.floe.engine.spi.RunStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's group commit. A turn written to a store that forces the disk apart ({@link RunStore#write}) waits here
 * until a thread of its own has forced the disk, once for every turn written meanwhile; then another tells each, in the
 * order written (its callers answered, its events published, its tasks started), while the next force runs. The routing thread meanwhile routes
 * and writes the next turns: under load one force serves many turns, and routing never waits for the disk. A turn of
 * a store whose write is durable at once is told on the routing thread, unless turns before it still wait here.
 * <p>
 * A force that fails tells nothing of its turns, nor of any turn after them (a later force that succeeds does not
 * prove the earlier pages reached the disk): their callers hear that the outcome is unknown, and the hub is told so
 * that it stops taking work. What the disk holds is then recovered by the host's next start.
 */
final class GroupCommit {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** A written turn: what makes it durable and what to tell once it is. */
    private record Written(RunStore.Forcing forcing, Turn.Outcome outcome) {}

    /** A group the forcing thread is done with: to tell, or to lose when {@code failure} is set. */
    private record Forced(List<Written> group, RuntimeException failure) {}

    private final String hostId;
    private final Consumer<Turn.Outcome> tell;
    private final Consumer<RuntimeException> failed;
    /** Turns written and not yet forced, in order; guarded by this. */
    private final List<Written> waiting = new ArrayList<>();
    /** Groups forced (or failed) and not yet told, in order; guarded by this. */
    private final ArrayDeque<Forced> forced = new ArrayDeque<>();
    /** Turns taken by the forcing thread and not yet told; guarded by this. */
    private int inHand;
    /** Why a force failed; nothing is told after it. Guarded by this. */
    private RuntimeException failure;
    private boolean closed;
    /** Forces the disk, group after group; telling happens on another thread, so the next force starts at once. */
    private Thread forcing;
    private Thread telling;

    /**
     * @param tell   tells a durable turn (on the telling thread, or the routing thread when nothing waits)
     * @param failed told once, on the telling thread, when a force failed
     */
    GroupCommit(String hostId, Consumer<Turn.Outcome> tell, Consumer<RuntimeException> failed) {
        this.hostId = hostId;
        this.tell = tell;
        this.failed = failed;
    }

    /** Tells {@code outcome} once what was written for it (and everything written before) is on the disk. */
    void written(RunStore.Forcing forcing, Turn.Outcome outcome) {
        synchronized (this) {
            if (failure != null) {
                outcome.lost(failure);
                return;
            }
            if (!(forcing == RunStore.Forcing.DONE && waiting.isEmpty() && inHand == 0)) {
                waiting.add(new Written(forcing, outcome));
                if (this.forcing == null) {
                    this.forcing = thread(this::forceLoop, "floe-force-");
                    this.telling = thread(this::tellLoop, "floe-tell-");
                }
                notifyAll();
                return;
            }
        }
        tell.accept(outcome); // durable already, and nothing before it waits
    }

    private Thread thread(Runnable loop, String prefix) {
        Thread t = new Thread(loop, prefix + hostId);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until every turn handed in was told (or lost): before the host stops its tasks. */
    synchronized void awaitTold() throws InterruptedException {
        while (!waiting.isEmpty() || inHand > 0) {
            wait();
        }
    }

    /** Ends the threads once what waits was told. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void forceLoop() {
        while (true) {
            List<Written> group;
            synchronized (this) {
                while (waiting.isEmpty() && !closed) {
                    if (!await()) {
                        return;
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                group = new ArrayList<>(waiting);
                waiting.clear();
                inHand += group.size();
            }
            RuntimeException failedNow = force(group);
            synchronized (this) {
                forced.add(new Forced(group, failedNow));
                notifyAll();
            }
        }
    }

    private void tellLoop() {
        boolean toldFailure = false;
        while (true) {
            Forced f;
            synchronized (this) {
                while (forced.isEmpty() && !(closed && waiting.isEmpty() && inHand == 0)) {
                    if (!await()) {
                        return;
                    }
                }
                if (forced.isEmpty()) {
                    return;
                }
                f = forced.poll();
            }
            for (Written w : f.group()) {
                if (f.failure() == null) {
                    tellSafely(w.outcome());
                } else {
                    w.outcome().lost(f.failure());
                }
            }
            synchronized (this) {
                inHand -= f.group().size();
                notifyAll();
            }
            if (f.failure() != null && !toldFailure) {
                toldFailure = true;
                failed.accept(f.failure());
            }
        }
    }

    /** Waits on this; false when interrupted (the thread then ends). */
    private boolean await() {
        try {
            wait();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Forces the newest write of the group (which forces all before it); the failure, or null. */
    private RuntimeException force(List<Written> group) {
        synchronized (this) {
            if (failure != null) {
                return failure;
            }
        }
        RunStore.Forcing newest = RunStore.Forcing.DONE;
        for (Written w : group) {
            if (w.forcing() != RunStore.Forcing.DONE) {
                newest = w.forcing();
            }
        }
        try {
            newest.force();
            return null;
        } catch (RuntimeException e) {
            StoreUnavailable lost = StoreUnavailable.unknownOutcome(e.getMessage());
            synchronized (this) {
                failure = lost;
            }
            return lost;
        }
    }

    private void tellSafely(Turn.Outcome outcome) {
        try {
            tell.accept(outcome);
        } catch (RuntimeException e) {
            log.error("telling a saved turn failed", e); // one turn's listener must not stop the forcing thread
        }
    }
}
