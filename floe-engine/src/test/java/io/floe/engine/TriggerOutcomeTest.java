package io.floe.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.TriggerOutcome.Note;
import io.floe.engine.TriggerOutcome.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An outcome of several flows reads as its worst note, so a caller switches on one status. */
class TriggerOutcomeTest {
    @Test
    void theOutcomeIsItsWorstNoteAndStartedOrAcceptedWithoutOne() {
        TriggerOutcome mixed = new TriggerOutcome(List.of(), List.of(new Note(Status.DUPLICATE, "again"),
                new Note(Status.STORE_UNAVAILABLE, "disk full"), new Note(Status.FAILED, "no flow-file")));
        assertThat(mixed.status()).isEqualTo(Status.STORE_UNAVAILABLE);
        assertThat(mixed.storeCannotWrite()).isTrue();
        assertThat(mixed.errors()).containsExactly("again", "disk full", "no flow-file");

        assertThat(TriggerOutcome.refused(Status.NO_MATCHING_TRIGGER, "no flow").status())
                .isEqualTo(Status.NO_MATCHING_TRIGGER);
        assertThat(new TriggerOutcome(List.of(), List.of()).status()).isEqualTo(Status.DATA_ACCEPTED);
    }
}
