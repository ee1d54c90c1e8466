package io.floe.engine.hub;

import io.floe.engine.event.Event;
import io.floe.engine.spi.StoreBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One turn of the routing loop: the state changes to commit (one transaction), the events to publish, the adopted
 * events still to route, and the work to do once the changes are durable (start tasks, answer callers). Doing side
 * effects only after the commit means a crash can lose a turn, but never leave a started task unrecorded.
 */
final class Turn {
    final StoreBatch batch = new StoreBatch();
    private final List<Event> outgoing = new ArrayList<>();
    private final ArrayDeque<Event> toRoute = new ArrayDeque<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Reply<?>> replies = new ArrayList<>();
    private final Callers callers;
    private boolean runEnded;

    /** A turn whose callers are answered through {@code callers} (off the routing thread). */
    Turn(Callers callers) {
        this.callers = callers;
    }

    /** A turn answered where {@link #answer} is called: only for one answered off the routing thread. */
    Turn() {
        this(Callers.IN_PLACE);
    }

    /** Publishes {@code e} after the commit. */
    void emit(Event e) {
        outgoing.add(e);
    }

    /** Publishes {@code e} after the commit, and routes it to its listeners in this turn. */
    void emitAndRoute(Event e) {
        outgoing.add(e);
        toRoute.add(e);
    }

    Event nextToRoute() {
        return toRoute.poll();
    }

    void afterCommit(Runnable r) {
        afterCommit.add(r);
    }

    /** Answers a caller once the turn is saved, or fails it if the turn could not be saved. */
    <T> void reply(java.util.concurrent.CompletableFuture<T> to, T value) {
        replies.add(new Reply<>(to, value));
    }

    /** Fails a caller now, whatever becomes of the turn (off the routing thread, as every answer). */
    void fail(java.util.concurrent.CompletableFuture<?> to, Throwable failure) {
        callers.fail(to, failure);
    }

    /**
     * Fails the callers of this turn with {@code failure} (not saved, refused, fenced); a saved turn's callers get their
     * values from its {@link Outcome} instead, once it is on the disk.
     */
    void answer(Throwable failure) {
        for (Reply<?> r : replies) {
            r.answer(failure, callers);
        }
    }

    record Reply<T>(java.util.concurrent.CompletableFuture<T> to, T value) {
        void answer(Throwable failure, Callers callers) {
            if (failure == null) {
                callers.complete(to, value);
            } else {
                callers.fail(to, failure);
            }
        }
    }

    /**
     * Takes out what the turn makes known and starts once it is durable, and resets the turn for the next one: the
     * outcome is told later, by the thread that forced the disk ({@link GroupCommit}).
     */
    Outcome take() {
        Outcome o = new Outcome(List.copyOf(replies), List.copyOf(outgoing), List.copyOf(afterCommit), callers);
        reset();
        return o;
    }

    /** A durable turn's answers, events and task starts, told in that order once it is on the disk. */
    record Outcome(List<Reply<?>> replies, List<Event> events, List<Runnable> starts, Callers callers) {
        static Outcome of(List<Event> events, List<Runnable> starts) {
            return new Outcome(List.of(), events, starts, Callers.IN_PLACE);
        }

        boolean isEmpty() {
            return replies.isEmpty() && events.isEmpty() && starts.isEmpty();
        }

        /** Answers the callers with their values: the turn is durable. */
        void answer() {
            for (Reply<?> r : replies) {
                r.answer(null, callers);
            }
        }

        /** Fails the callers: the turn may or may not be on the disk; nothing of it is told or started. */
        void lost(Throwable failure) {
            for (Reply<?> r : replies) {
                r.answer(failure, callers);
            }
        }
    }

    void runEnded() {
        runEnded = true;
    }

    void clearRunEnded() {
        runEnded = false;
    }

    boolean anyRunEnded() {
        return runEnded;
    }

    List<Event> outgoing() {
        return outgoing;
    }

    List<Runnable> sideEffects() {
        return afterCommit;
    }

    void reset() {
        batch.clear();
        outgoing.clear();
        toRoute.clear();
        afterCommit.clear();
        replies.clear();
        runEnded = false;
    }
}
