package io.floe.engine.node.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.spi.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {
    private final List<String> lines = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final Cancellation cancellation = new Cancellation();
    private final ProgressLines progress = new ProgressLines(lines::add, cancellation, nanos::get);

    @Test
    void printsAtMostALineEveryTwoSecondsAndOneWhenATaskEnds() {
        progress.beginTask("Receiving objects", 1000);
        for (int i = 0; i < 500; i++) {
            nanos.addAndGet(10_000_000L); // 10 ms per object: 5 s in all
            progress.update(1);
        }
        progress.endTask();
        progress.beginTask("Resolving deltas", 0);
        progress.update(7);
        progress.endTask();

        assertThat(lines).containsExactly(
                "Receiving objects:  20% (200/1000)",
                "Receiving objects:  40% (400/1000)",
                "Receiving objects:  50% (500/1000), done.",
                "Resolving deltas: 7, done.");
    }

    @Test
    void aTaskWithNoWorkPrintsNothing() {
        progress.beginTask("Updating references", 3);
        progress.endTask();

        assertThat(lines).isEmpty();
    }

    @Test
    void reportsCancellationToJGit() {
        assertThat(progress.isCancelled()).isFalse();
        cancellation.cancel("run cancelled");
        assertThat(progress.isCancelled()).isTrue();
    }
}
