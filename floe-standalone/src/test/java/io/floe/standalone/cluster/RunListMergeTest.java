package io.floe.standalone.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.event.FlowRef;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.RunRef;
import io.floe.engine.run.RunCursor;
import io.floe.engine.view.RunSummary;
import io.floe.standalone.api.RunDirectory.FlowRuns;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Run lists of several hosts merged into one. */
class RunListMergeTest {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void aRunCaughtMovingBetweenHostsIsShownOnceInItsLaterState() {
        RunSummary pendingOnH1 = run("h1", 1, 0, "pending");
        RunSummary runningOnH2 = run("h1", 1, 0, "running");
        RunSummary dispatched = run("h1", 2, 1, "dispatched");
        FlowRuns h1 = new FlowRuns(List.of(), List.of(pendingOnH1), List.of(dispatched), null);
        FlowRuns h2 = new FlowRuns(List.of(runningOnH2), List.of(), List.of(), null);

        FlowRuns all = RunListMerge.merge(List.of(h1, h2), 10);

        assertThat(all.active()).containsExactly(runningOnH2);
        assertThat(all.pending()).isEmpty();
        assertThat(all.archive()).isEmpty();
        assertThat(all.archiveNext()).isNull();
    }

    @Test
    void theArchiveIsNewestFirstAcrossHostsAndSaysWhenMoreFollow() {
        RunSummary a = run("h1", 1, 0, "good");
        RunSummary b = run("h2", 1, 1, "bad");
        RunSummary c = run("h1", 2, 2, "good");
        RunSummary sameMilli = run("h2", 2, 2, "good");
        FlowRuns h1 = new FlowRuns(List.of(), List.of(), List.of(c, a), null);
        FlowRuns h2 = new FlowRuns(List.of(), List.of(), List.of(sameMilli, b), null);

        FlowRuns page = RunListMerge.merge(List.of(h1, h2), 3);
        assertThat(page.archive()).containsExactly(sameMilli, c, b);
        assertThat(page.archiveNext()).isEqualTo(b.cursor());

        // a host that has more than it sent means there is a next page, even if this one is not full
        FlowRuns more = RunListMerge.merge(List.of(new FlowRuns(List.of(), List.of(), List.of(a), a.cursor())), 5);
        assertThat(more.archiveNext()).isEqualTo(a.cursor());
    }

    private static RunSummary run(String host, long n, int seconds, String status) {
        RunRef ref = new RunRef(new FlowRef("f", 1), new HostedRef(host, n), "");
        Instant adopted = T.plusSeconds(seconds);
        boolean ended = status.equals("good") || status.equals("bad");
        return new RunSummary(ref, "", status, adopted, adopted, ended ? adopted : null, ended,
                status.equals("good"), "", new RunCursor(adopted, ref.run()).toString(), ended ? status : "",
                null);
    }
}
