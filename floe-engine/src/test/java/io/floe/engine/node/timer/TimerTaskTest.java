package io.floe.engine.node.timer;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.TestClock;
import io.floe.engine.config.NodeClass;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.node.LocalProcessLauncher;
import io.floe.engine.node.TaskHarness;
import io.floe.engine.spi.TaskResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The timer task waits (the original's returned at once, floe-spec §8 item 3). */
class TimerTaskTest {
    @TempDir
    Path ws;
    private TaskHarness harness;
    private final TimerTask timer = new TimerTask();

    private final TestClock clock = new TestClock();

    @BeforeEach
    void setUp() {
        harness = new TaskHarness(ws, System.getenv(), new LocalProcessLauncher(), clock.scheduler());
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static NodeConfig node(Map<String, Object> opts) {
        return new NodeConfig(NodeClass.TASK, null, "t", "t", "trigger.good", null, "timer", null, false, false,
                null, opts, 0);
    }

    @Test
    void waitsThePeriodThenSucceeds() throws Exception {
        CompletableFuture<TaskResult> r = harness.start(timer, Map.of("period", 1), List.of());

        clock.advance(Duration.ofMillis(999));
        assertThat(r).isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThat(r).isDone();
        assertThat(r.get().status()).isZero();
        assertThat(harness.lines()).containsExactly("waiting 1s");
    }

    @Test
    void acceptsADurationWithUnits() throws Exception {
        CompletableFuture<TaskResult> r = harness.start(timer, Map.of("duration", "1s500ms"), List.of());

        clock.advance(Duration.ofMillis(1499));
        assertThat(r).isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThat(r.get().status()).isZero();
    }

    @Test
    void theNodesOwnSettingWinsOverATriggersPeriod() throws Exception {
        // a timer trigger's opts (period: 3600) reach the first task merged with the node's opts
        CompletableFuture<TaskResult> r = timer.start(harness.context("timer", Map.of("duration", "200ms"),
                Map.of("duration", "200ms", "period", 3600), List.of())).toCompletableFuture();

        clock.advance(Duration.ofMillis(200));
        assertThat(r).isDone();
        assertThat(r.get().status()).isZero();
        assertThat(harness.lines()).containsExactly("waiting 200ms");
    }

    @Test
    void cancellationEndsTheWaitAtOnce() throws Exception {
        CompletableFuture<TaskResult> result = harness.start(timer, Map.of("period", "1h"), List.of());
        harness.lineMatching(l -> l.equals("waiting 1h")).get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofMinutes(59));
        assertThat(result).isNotDone();

        harness.cancellation().cancel("run cancelled");

        assertThat(result.get(10, TimeUnit.SECONDS).error()).isEqualTo("run cancelled");
    }

    @Test
    void checkWantsOneValidDuration() {
        assertThat(timer.check(node(Map.of("period", 30)))).isEmpty();
        assertThat(timer.check(node(Map.of("period", "90s")))).isEmpty();
        assertThat(timer.check(node(Map.of("duration", "1h30m")))).isEmpty();
        assertThat(timer.check(node(Map.of("period", "soon")))).singleElement().asString()
                .contains("period", "soon", "not a duration");
        assertThat(timer.check(node(Map.of("duration", "-3s")))).singleElement().asString()
                .contains("duration", "not a duration");
        assertThat(timer.check(node(Map.of()))).singleElement().asString().contains("period", "duration");
    }
}
