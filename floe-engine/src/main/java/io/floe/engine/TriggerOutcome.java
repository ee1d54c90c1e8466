package io.floe.engine;

import io.floe.engine.run.RunRecord;
import java.util.Comparator;
import java.util.List;

/**
 * What one trigger event did: the pends it created (one per flow it started) and, per flow that did not start or
 * started but waits, a {@link Note} with a {@link Status} to switch on and a message to show. {@link #status()} is
 * the outcome as one status.
 */
public record TriggerOutcome(List<RunRecord> pends, List<Note> notes) {
    /** What happened to one flow the event matched (or to the event, when it matched none). */
    public enum Status {
        // worst first: status() is the first of these that any note has
        /** The run store could not save the pend ({@link StoreUnavailable}): nothing was started; hosts answer 503. */
        STORE_UNAVAILABLE,
        /** The flow could not be started, e.g. its flow-file could not be loaded; the message says why. */
        FAILED,
        /** An adopted data event's values were refused by its node ({@link DataReceipt}). */
        DATA_REFUSED,
        /** No flow has a trigger of the event's type matching it. */
        NO_MATCHING_TRIGGER,
        /** The event's once-key already started a run of the flow, so it started nothing new. */
        DUPLICATE,
        /** A run was started (adopted as a pend) but no host can run it yet: it waits. */
        NO_HOST_CAN_RUN,
        /** Every matching flow started a run. */
        STARTED,
        /** An adopted data event was taken by its node (nothing was started, nothing went wrong). */
        DATA_ACCEPTED
    }

    /** One flow's status and the message that tells a person about it. */
    public record Note(Status status, String message) {}

    public TriggerOutcome {
        pends = List.copyOf(pends);
        notes = List.copyOf(notes);
    }

    /** Runs started, nothing to note. */
    public static TriggerOutcome started(List<RunRecord> pends) {
        return new TriggerOutcome(pends, List.of());
    }

    /** Nothing started, for one reason. */
    public static TriggerOutcome refused(Status status, String message) {
        return new TriggerOutcome(List.of(), List.of(new Note(status, message)));
    }

    /**
     * The outcome as one status: the worst of its notes (in {@link Status}'s order), else {@link Status#STARTED} when
     * runs were started, else {@link Status#DATA_ACCEPTED}.
     */
    public Status status() {
        return notes.stream().map(Note::status).min(Comparator.naturalOrder())
                .orElse(pends.isEmpty() ? Status.DATA_ACCEPTED : Status.STARTED);
    }

    /** The notes' messages, for display (what the HTTP API sends as {@code errors}). */
    public List<String> errors() {
        return notes.stream().map(Note::message).toList();
    }

    /** Whether a flow was refused because the run store could not save it. */
    public boolean storeCannotWrite() {
        return notes.stream().anyMatch(n -> n.status() == Status.STORE_UNAVAILABLE);
    }

    /** Whether nothing started because no flow has a trigger the event fires (a webhook answers that differently). */
    public boolean noneMatched() {
        return pends.isEmpty() && !notes.isEmpty()
                && notes.stream().allMatch(n -> n.status() == Status.NO_MATCHING_TRIGGER);
    }
}
