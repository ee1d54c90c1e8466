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
    private boolean runEnded;

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

    /** Completes the callers of this turn: with their values after a commit, or with {@code failure}. */
    void answer(Throwable failure) {
        for (Reply<?> r : replies) {
            r.answer(failure);
        }
    }

    private record Reply<T>(java.util.concurrent.CompletableFuture<T> to, T value) {
        void answer(Throwable failure) {
            if (failure == null) {
                to.complete(value);
            } else {
                to.completeExceptionally(failure);
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
