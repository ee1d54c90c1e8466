package io.floe.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Why a run ended, as the hub writes it and as a stored run is read back: the wording stays what stored runs and the
 * dashboard know, and reading it gives the same typed end.
 */
class RunEndTest {

    @Test
    void eachEndIsWordedAsBeforeAndReadsBackToTheSameEnd() {
        List<RunEnd> ends = List.of(RunEnd.endNode("ship", true), RunEnd.endNode("stop", false),
                RunEnd.noListener("task.a.good", true), RunEnd.noListener("task.a.bad", false),
                RunEnd.cancelled("cancelled by alice"), RunEnd.cancelledBeforeStart("by bob"),
                RunEnd.failed("routing loop"));
        List<String> words = ends.stream().map(RunEnd::reason).toList();

        assertThat(words).containsExactly("reached end node ship", "reached end node stop",
                "ended good: no node listens to task.a.good", "ended bad: no node listens to task.a.bad",
                "cancelled: cancelled by alice", "cancelled before it started: by bob", "failed: routing loop");
        for (RunEnd end : ends) {
            assertThat(RunEnd.read(end.good(), end.reason())).isEqualTo(end);
        }
    }

    @Test
    void aStoredReasonOfAnyOtherWordingKeepsItsTextAndItsResult() {
        RunEnd notStarted = RunEnd.read(false, "could not start on host h2: disk full");
        RunEnd older = RunEnd.read(false, "cancelled by admin");
        RunEnd unknown = RunEnd.read(false, "something else");

        assertThat(notStarted.cause()).isEqualTo(EndCause.NOT_STARTED);
        assertThat(notStarted.reason()).isEqualTo("could not start on host h2: disk full");
        assertThat(older.result()).isEqualTo(RunResult.CANCELLED);
        assertThat(older.reason()).isEqualTo("cancelled by admin");
        assertThat(unknown.result()).isEqualTo(RunResult.BAD);
        assertThat(unknown.endNode()).isEmpty();
        assertThat(RunEnd.endNode("ship", true).endNode()).contains("ship");
    }
}
