package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.engine.run.NodeKind;
import io.floe.engine.run.NodeRecord;
import io.floe.engine.run.RunQuery;
import io.floe.engine.run.RunRecord;
import io.floe.engine.run.RunStatus;
import io.floe.engine.run.StoredRun;
import io.floe.engine.store.local.LocalRunStore;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.standalone.host.HostJvm;
import io.floe.testflows.TestFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash suite (issue 6): a real host process running flows with parallel tasks, merges and a data form is
 * SIGKILLed at random moments and restarted on the same root, over many runs. Afterwards every run that was triggered
 * is archived exactly once, nothing was lost or doubled, and no task that had finished ran again: tasks log their own
 * starts and ends outside the host's store, and that log is compared with the runs' node records.
 * <p>
 * In CI it kills and restarts for about 45 s (as many runs as fit); {@code -Dfloe.crash.runs=100} runs exactly that
 * many runs however long it takes, and {@code -Dfloe.crash.seed=<n>} replays a schedule of kill moments.
 */
class CrashSuiteTest {
    private static final Duration CI_KILL_PHASE = Duration.ofSeconds(45);
    private static final int CI_MAX_RUNS = 100;
    /** The error an interrupted task gets when its host starts again (RunExecution.INTERRUPTED). */
    private static final String INTERRUPTED = "interrupted by host restart";

    @TempDir
    Path dir;

    @Test
    void aHostKilledAtRandomMomentsArchivesEveryRunOnceAndRunsNoFinishedTaskAgain() throws Exception {
        String fullRuns = System.getProperty("floe.crash.runs");
        int runs = fullRuns == null ? CI_MAX_RUNS : Integer.parseInt(fullRuns);
        long seed = Long.getLong("floe.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path root = dir.resolve("root");
        Path log = dir.resolve("executions.log");
        Path step = dir.resolve("step.sh");
        Files.writeString(step, ExecutionLog.script(log));
        Files.writeString(dir.resolve("default.yml"), TestFlows.text("rel-crash.yml")
                .replace("@STEP@", "bash " + step));
        int port = HostJvm.freePort();
        String[] flags = {"-admin=" + RunningHost.ADMIN, "-host_name=h1", "-tags=master",
            "-pub_bind=127.0.0.1:" + port, "-root=" + root};
        String url = "http://127.0.0.1:" + port;

        long began = System.nanoTime();
        long killPhaseEnds = began + CI_KILL_PHASE.toNanos();
        Triggers triggers = new Triggers();
        int crashes = 0;
        List<Long> leftBehind = List.of();
        try (FormAnswerer answerer = new FormAnswerer(new Api(url, "/build/api"), List.of(Triggers.FLOWS))) {
            while (triggers.sent() < runs && (fullRuns != null || System.nanoTime() < killPhaseEnds)) {
                try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-" + crashes + ".out"), flags)) {
                    // the ledger check (issue 16): the tasks of the killed host were gone before this one recovered
                    assertThat(CrashingHost.running(leftBehind)).as("task processes of the killed host").isEmpty();
                    // a fresh client per host: a pooled connection to the killed one would fail the first request
                    Thread firing = triggers.fire(new Api(url, "/build/api"),
                            Math.min(2 + random.nextInt(4), runs - triggers.sent()), random);
                    Thread.sleep(200 + random.nextInt(2000)); // the random moment of the crash, not a wait for anything
                    leftBehind = host.killAlone(); // its tasks are left to their guards
                    crashes++;
                    firing.join();
                }
            }
            Api api = new Api(url, "/build/api");
            try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-last.out"), flags)) {
                assertThat(CrashingHost.running(leftBehind)).as("task processes of the killed host").isEmpty();
                Await.until(() -> settled(api, triggers), Duration.ofSeconds(180));
                checkTheApi(api, triggers);
                assertThat(host.stop()).as(host.output()).isIn(0, 143);
            }
            long answered = triggers.outcomes().values().stream().filter(r -> !r.equals(Triggers.UNANSWERED)).count();
            System.out.printf("crash suite: %d runs triggered (%d answered), %d crashes, %d forms accepted, %.1f s,"
                    + " seed %d%n", triggers.sent(), answered, crashes, answerer.accepted(),
                    (System.nanoTime() - began) / 1e9, seed);
        }
        assertThat(triggers.refusals()).isEmpty();
        checkTheStore(root, triggers, ExecutionLog.read(log), seed);
    }

    /** Every answered trigger's run is archived, and nothing is pending or active any more. */
    private static boolean settled(Api api, Triggers triggers) {
        Set<String> archived = new HashSet<>();
        for (String flow : Triggers.FLOWS) {
            if (!FormAnswerer.runs(api, flow, "Active").isEmpty() || !FormAnswerer.runs(api, flow, "Pending")
                    .isEmpty()) {
                return false;
            }
            archived.addAll(FormAnswerer.runs(api, flow, "Archive"));
        }
        return triggers.outcomes().values().stream().filter(r -> !r.equals(Triggers.UNANSWERED))
                .allMatch(archived::contains);
    }

    private static void checkTheApi(Api api, Triggers triggers) {
        List<String> archived = new ArrayList<>();
        for (String flow : Triggers.FLOWS) {
            archived.addAll(FormAnswerer.runs(api, flow, "Archive"));
        }
        assertThat(archived).doesNotHaveDuplicates();
        List<String> answered = triggers.outcomes().values().stream().filter(r -> !r.equals(Triggers.UNANSWERED))
                .toList();
        assertThat(archived).containsAll(answered);
        assertThat(archived.size()).isLessThanOrEqualTo(triggers.sent());
    }

    private static void checkTheStore(Path root, Triggers triggers, ExecutionLog executions, long seed) {
        String replay = " (replay with -Dfloe.crash.seed=" + seed + ")";
        Map<String, StoredRun> runs = new HashMap<>();
        try (LocalRunStore store = LocalRunStore.open(root)) {
            for (RunRecord r : store.list(new RunQuery("", EnumSet.allOf(RunStatus.class), 10_000, null)).runs()) {
                runs.put(r.id().toString(), store.find(r.id()).orElseThrow());
            }
        }
        // every run archived, each trigger at most one run, each answered trigger exactly its run
        Map<String, String> runBySeq = new HashMap<>();
        for (StoredRun run : runs.values()) {
            RunRecord r = run.record();
            assertThat(r.status()).as("status of run " + r.id() + replay).isEqualTo(RunStatus.ARCHIVED);
            String seq = String.valueOf(r.opts().get("seq"));
            String before = runBySeq.put(seq, r.id().toString());
            assertThat(before).as("trigger " + seq + " started runs " + before + " and " + r.id() + replay).isNull();
        }
        triggers.outcomes().forEach((seq, run) -> {
            if (!run.equals(Triggers.UNANSWERED)) {
                assertThat(runBySeq.get(String.valueOf(seq))).as("the run of trigger " + seq + replay).isEqualTo(run);
            }
        });
        assertThat(runs.size()).isLessThanOrEqualTo(triggers.sent());

        int interrupted = 0;
        int killedMidWork = 0;
        int good = 0;
        for (StoredRun run : runs.values()) {
            String id = run.record().id().toString();
            for (String key : executions.byRunAndNode().keySet()) {
                if (key.startsWith(id + " ")) {
                    String node = key.substring(id.length() + 1);
                    // the flows have no node that may legitimately run twice: handlers are nodes of their own
                    assertThat(executions.of(id, node).starts()).as("starts of " + key + replay).isEqualTo(1);
                    assertThat(run.nodes()).as("node records of " + id + " hold " + node + replay).containsKey(node);
                }
            }
            for (NodeRecord n : run.nodes().values()) {
                if (n.kind() != NodeKind.TASK || n.started() == null) {
                    continue;
                }
                ExecutionLog.Counts c = executions.of(id, n.nodeId());
                if (n.stopped() != null && n.error().isEmpty()) {
                    // it finished: it ran exactly once, to its end
                    assertThat(c).as(id + " " + n.nodeId() + " finished" + replay)
                            .isEqualTo(new ExecutionLog.Counts(1, 1));
                } else if (n.error().equals(INTERRUPTED)) {
                    interrupted++;
                    // the ledger check (issue 16): the killed host's task wrote nothing once its run was reported
                    // interrupted, and if it had not finished, it never did
                    assertThat(executions.writes(id, n.nodeId())).as("writes of interrupted task " + id + " "
                            + n.nodeId() + ", reported interrupted at " + n.stopped() + replay)
                            .allSatisfy(w -> assertThat(w).isBefore(n.stopped()));
                    if (c.starts() == 1 && c.ends() == 0) {
                        killedMidWork++;
                    }
                    if (!n.nodeId().endsWith("-again")) {
                        // the flow's own error handling took over
                        assertThat(run.nodes()).as("handler of interrupted " + id + " " + n.nodeId() + replay)
                                .containsKey(n.nodeId() + "-again");
                    }
                }
            }
            for (String key : executions.writesByRunAndNode().keySet()) {
                if (key.startsWith(id + " ")) {
                    assertThat(executions.writesByRunAndNode().get(key)).as("writes of " + key + ", archived at "
                            + run.record().ended() + replay).allSatisfy(w -> assertThat(w).isBefore(run.record()
                            .ended()));
                }
            }
            if (run.record().good()) {
                good++;
                assertThat(run.nodes().get("approve").good()).as("approval of " + id + replay).isTrue();
            } else {
                // only an interrupted handler leaves an error nobody listens to
                assertThat(run.nodes().values()).as("why " + id + " ended bad: " + run.record().endReason() + replay)
                        .anyMatch(n -> n.nodeId().endsWith("-again") && n.error().equals(INTERRUPTED));
            }
        }
        System.out.printf("crash suite: %d runs archived (%d good, %d bad), %d task executions, %d tasks interrupted"
                + " (%d of them killed mid-work, none wrote after it was reported interrupted)%n", runs.size(), good,
                runs.size() - good, executions.totalStarts(), interrupted, killedMidWork);
    }
}
