package io.floe.engine.node.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.config.NodeClass;
import io.floe.engine.config.NodeConfig;
import io.floe.engine.node.TaskHarness;
import io.floe.engine.spi.TaskResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exec task against real processes: NT-01, NT-03, CFG-08, EXE-01..04 and the fixes of DESIGN.md. */
class ExecTaskTest {
    private static final int HEADER = 3;

    @TempDir
    Path ws;
    private TaskHarness harness;
    private final ExecTask exec = new ExecTask();

    @BeforeEach
    void setUp() {
        harness = harness(ws);
    }

    /** The harness the tests run in; a subclass runs them all with another launcher. */
    TaskHarness harness(Path workspace) {
        return new TaskHarness(workspace);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private TaskResult run(Map<String, Object> opts, String... env) throws Exception {
        return harness.run(exec, opts, List.of(env));
    }

    /** The task's output after the three header lines. */
    private List<String> output() {
        List<String> lines = harness.lines();
        return lines.subList(Math.min(HEADER, lines.size()), lines.size());
    }

    private static NodeConfig node(Map<String, Object> opts) {
        return new NodeConfig(NodeClass.TASK, null, "t", "t", "trigger.good", null, "exec", null, false, false, null,
                opts, 0);
    }

    @Test
    void nt01SmokeCmdAndShellRun() throws Exception {
        assertThat(run(Map.of("cmd", "echo foo")).status()).isZero();
        assertThat(harness.lines()).contains("foo");
        assertThat(run(Map.of("shell", "export")).status()).isZero();
    }

    @Test
    void nt03AndCfg08TheEnvAndFloewsReachTheProcess() throws Exception {
        TaskResult r = run(Map.of("shell", "export"), "DAN=fart");

        assertThat(r.status()).isZero();
        assertThat(r.failedToExecute()).isFalse();
        assertThat(harness.lines()).anyMatch(l -> l.contains("DAN=\"fart\""))
                .anyMatch(l -> l.contains("FLOEWS=\"" + ws.toAbsolutePath()));
    }

    @Test
    void exe01TheHeaderLinesThenTheOutput() throws Exception {
        TaskResult r = run(Map.of("cmd", "echo", "args", List.of("hello world")));

        assertThat(r.status()).isZero();
        assertThat(harness.lines()).containsExactly("in dir: " + ws.toAbsolutePath(), "echo hello world", "",
                "hello world");
    }

    @Test
    void exe01AProgramThatCanNotStartGivesStatusOneAndSaysWhy() throws Exception {
        TaskResult r = run(Map.of("cmd", "echop"));

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.failedToExecute()).isFalse();
        assertThat(output()).hasSize(2);
        assertThat(output().get(0)).contains("echop");
        assertThat(output().get(1)).isEmpty();
    }

    @Test
    void exe02BashScriptOutput() throws Exception {
        run(Map.of("cmd", "bash", "args", List.of("-c", "echo \"hello world\"")));

        assertThat(output()).containsExactly("hello world");
    }

    @Test
    void exe03ALoopOfFiftyLines() throws Exception {
        run(Map.of("shell", "for i in $(seq 1 50); do echo line $i; done"));

        assertThat(harness.lines()).hasSize(HEADER + 50);
        assertThat(output()).startsWith("line 1").endsWith("line 50");
    }

    @Test
    void exe04RawExport() throws Exception {
        assertThat(run(Map.of("cmd", "bash", "args", List.of("-c", "export"))).status()).isZero();
    }

    @Test
    void aFailingProgramEndsWithItsStatus() throws Exception {
        TaskResult r = run(Map.of("shell", "echo bye; exit 3"));

        assertThat(r.status()).isEqualTo(3);
        assertThat(output()).containsExactly("bye", "", "exited with status: 3");
    }

    @Test
    void envEntriesApplyInOrderFlowEventNodeAndLaterOnesWin() throws Exception {
        // as the hub passes them: flow env, then event env, then node env
        run(Map.of("shell", "echo \"$A $B $C\""), "A=flow", "B=flow-b", "A=event", "A=node", "C=$B-and-$A");

        assertThat(output()).containsExactly("node flow-b flow-b-and-node");
    }

    @Test
    void aShellScriptSeesTheTaskEnvThroughTheShell() throws Exception {
        run(Map.of("shell", "echo $DAN"), "DAN=fart");

        assertThat(output()).containsExactly("fart");
    }

    @Test
    void floewsIsTheWorkspaceInShellAndCmd() throws Exception {
        run(Map.of("shell", "echo $FLOEWS"));
        run(Map.of("cmd", "echo $FLOEWS/x"));

        assertThat(harness.lines()).contains(ws.toAbsolutePath().toString(), ws.toAbsolutePath() + "/x");
    }

    @Test
    void envValuesGetTheWorkspaceSubstitution() throws Exception {
        run(Map.of("shell", "echo $OUT $HERE"), "OUT=./out", "HERE={{ws}}/here");

        assertThat(output()).containsExactly(ws.toAbsolutePath() + "/out " + ws.toAbsolutePath() + "/here");
    }

    @Test
    void argsWithSpacesKeepTheirQuotingInShellMode() throws Exception {
        run(Map.of("shell", "printf '[%s]\\n'", "args", List.of("a b", "it's", "$DAN")), "DAN=fart");

        assertThat(output()).containsExactly("[a b]", "[it's]", "[fart]");
    }

    @Test
    void subDirIsCreatedAndIsTheWorkingFolder() throws Exception {
        TaskResult r = run(Map.of("shell", "pwd; touch made-here", "sub-dir", "build/out"));

        Path dir = ws.toAbsolutePath().resolve("build/out");
        assertThat(r.status()).isZero();
        assertThat(harness.lines().get(0)).isEqualTo("in dir: " + dir);
        assertThat(output()).containsExactly(dir.toString());
        assertThat(dir.resolve("made-here")).exists();
    }

    @Test
    void aSubDirThatClimbsOutIsAnExecutionErrorAndAConfigProblem() throws Exception {
        Map<String, Object> opts = Map.of("shell", "touch escaped", "sub-dir", "../elsewhere");

        TaskResult r = run(opts);

        assertThat(r.failedToExecute()).isTrue();
        assertThat(r.error()).contains("sub-dir", "../elsewhere", "climbs out");
        assertThat(ws.resolveSibling("elsewhere")).doesNotExist();
        assertThat(exec.check(node(opts))).anyMatch(p -> p.contains("sub-dir") && p.contains("climbs out"));
    }

    @Test
    void neitherCmdNorShellIsAConfigProblemAndAnExecutionError() throws Exception {
        assertThat(exec.check(node(Map.of("args", List.of("x"))))).contains("exec needs a cmd or a shell option");
        assertThat(exec.check(node(Map.of("cmd", "make")))).isEmpty();
        assertThat(exec.check(node(Map.of("shell", "make", "args", "not-a-list"))))
                .anyMatch(p -> p.contains("args must be a list"));

        TaskResult r = run(Map.of());
        assertThat(r.failedToExecute()).isTrue();
        assertThat(r.error()).isEqualTo("exec needs a cmd or a shell option");
        assertThat(harness.lines()).isEmpty();
    }

    @Test
    void theCommandIsFoundInThePathOfTheTaskEnv() throws Exception {
        Path bin = Files.createDirectories(ws.resolve("bin"));
        Path tool = bin.resolve("floe-test-tool");
        Files.writeString(tool, "#!/bin/sh\necho from the task path\n", StandardCharsets.UTF_8);
        assertThat(tool.toFile().setExecutable(true)).isTrue();

        TaskResult r = run(Map.of("cmd", "floe-test-tool"), "PATH=./bin:" + System.getenv("PATH"));

        assertThat(r.status()).isZero();
        assertThat(output()).containsExactly("from the task path");
    }

    @Test
    void stderrIsMergedIntoTheOutputInOrder() throws Exception {
        run(Map.of("shell", "echo out; echo err >&2; echo out2"));

        assertThat(output()).containsExactly("out", "err", "out2");
    }

    @Test
    void aOneMebibyteLineArrivesWholeInChunks() throws Exception {
        TaskResult r = run(Map.of("shell", "head -c 1048576 /dev/zero | tr '\\0' x; echo; echo after"));

        assertThat(r.status()).isZero();
        List<String> out = output();
        assertThat(out).last().isEqualTo("after");
        List<String> chunks = out.subList(0, out.size() - 1);
        assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(OutputLines.MAX_LINE));
        assertThat(String.join("", chunks)).hasSize(1 << 20).matches("x+");
    }

    @Test
    void fiftyThousandLinesAllArrive() throws Exception {
        TaskResult r = run(Map.of("cmd", "seq 1 50000"));

        assertThat(r.status()).isZero();
        List<String> out = output();
        assertThat(out).hasSize(50_000);
        assertThat(out.get(0)).isEqualTo("1");
        assertThat(out.get(49_999)).isEqualTo("50000");
    }

    @Test
    void aProgramReadingStdinGetsEndOfFileInsteadOfHanging() throws Exception {
        TaskResult r = run(Map.of("shell", "cat; echo done"));

        assertThat(r.status()).isZero();
        assertThat(output()).containsExactly("done");
    }

    @Test
    void aLogReadLongAfterTheProgramEndedStillGetsAllItsOutput() throws Exception {
        // the reader is held at the program's first line until well past the end and the wait for leftovers: what the
        // program wrote is all in the pipe or on its way, and none of it is taken for a leftover process's output
        CompletableFuture<Void> release = new CompletableFuture<>();
        harness.holdAt(l -> l.matches("pid \\d+"), release);
        CompletableFuture<TaskResult> r = harness.start(exec, Map.of("shell", "echo \"pid $$\"; seq 1 5000"),
                List.of());
        String pid = harness.lineMatching(l -> l.startsWith("pid ")).get(30, TimeUnit.SECONDS).substring(4);
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> p.onExit().join());
        Thread.sleep(ExecRun.WATCH_AFTER.plus(ExecRun.OUTPUT_GRACE).plusSeconds(1).toMillis());
        release.complete(null);

        assertThat(r.get(60, TimeUnit.SECONDS).status()).isZero();
        List<String> out = output();
        assertThat(out).hasSize(5001).doesNotContain(
                "(the program ended, but a process it started still holds its output open: later output is not shown)");
        assertThat(out.get(5000)).isEqualTo("5000");
    }

    @Test
    void aProgramWritingFasterThanItsLogIsKeptWaitsForIt() throws Exception {
        // 2.6 MB of output while the log's reader is held: the writer must come to wait on its pipe (the host keeps
        // only a bounded part of a task's output in memory), and once the reader goes on every line arrives
        CompletableFuture<Void> release = new CompletableFuture<>();
        harness.holdAt(l -> l.startsWith("writer "), release);
        CompletableFuture<TaskResult> r = harness.start(exec, Map.of("shell",
                "seq 1 400000 & echo \"writer $!\"; wait $!; echo written"), List.of());
        long writer = Long.parseLong(harness.lineMatching(l -> l.startsWith("writer ")).get(30, TimeUnit.SECONDS)
                .substring(7));
        Path wchan = Path.of("/proc/" + writer + "/wchan");
        String blockedIn = "";
        for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < until
                && !blockedIn.contains("pipe_write") && Files.exists(wchan); ) {
            Thread.sleep(20);
            try {
                blockedIn = Files.readString(wchan);
            } catch (java.io.IOException gone) {
                break;
            }
        }
        release.complete(null);

        assertThat(blockedIn).as("where the writer waits while its log is not read").contains("pipe_write");
        assertThat(r.get(60, TimeUnit.SECONDS).status()).isZero();
        List<String> out = output();
        assertThat(out.stream().filter(l -> l.matches("\\d+")).count()).isEqualTo(400_000);
        assertThat(out.get(out.size() - 1)).isEqualTo("written");
    }

    @Test
    void aBackgroundProcessHoldingTheOutputDoesNotHoldTheTask() throws Exception {
        // the background sleep outlives the wait for the result, so a task held by it would fail here
        TaskResult r = run(Map.of("shell", "sleep 120 & echo \"started $!\""));
        try {
            assertThat(r.status()).isZero();
            assertThat(output().get(0)).startsWith("started ");
        } finally {
            harness.lines().stream().filter(l -> l.startsWith("started ")).findFirst()
                    .flatMap(l -> ProcessHandle.of(Long.parseLong(l.substring(8)))).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void cancellingKillsTheWholeProcessTreeAndEndsTheTask() throws Exception {
        // outer bash -> background sleep, and an inner bash that prints its parent's pid then becomes a sleep
        CompletableFuture<TaskResult> result = harness.start(exec,
                Map.of("shell", "sleep 1000 & bash -c 'echo \"ready $PPID $$\"; exec sleep 1000'; wait"),
                List.of());
        String ready = harness.lineMatching(l -> l.startsWith("ready ")).get(30, TimeUnit.SECONDS);
        String[] pids = ready.split(" ");
        ProcessHandle outer = ProcessHandle.of(Long.parseLong(pids[1])).orElseThrow();
        List<ProcessHandle> tree = new java.util.ArrayList<>(outer.descendants().toList());
        tree.add(outer);
        assertThat(tree).extracting(ProcessHandle::pid).contains(Long.parseLong(pids[2]));
        assertThat(tree).hasSizeGreaterThanOrEqualTo(3);

        harness.cancellation().cancel("cancelled by test");

        result.get(30, TimeUnit.SECONDS);
        CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aTaskCancelledBeforeItStartsRunsNothing() throws Exception {
        harness.cancellation().cancel("run cancelled");

        TaskResult r = run(Map.of("shell", "touch ran"));

        assertThat(r.error()).isEqualTo("run cancelled");
        assertThat(ws.resolve("ran")).doesNotExist();
    }

    @Test
    void theMergedOptsDecideWhatRuns() throws Exception {
        // a trigger's opts reach the first task merged with the node's own (floe-spec §2.7)
        Map<String, Object> merged = Map.of("shell", "echo $BRANCH", "sub-dir", "src");
        TaskResult r = exec.start(harness.context("exec", Map.of("shell", "echo $BRANCH"), merged,
                List.of("BRANCH=feature/x"))).toCompletableFuture().get(60, TimeUnit.SECONDS);

        assertThat(r.status()).isZero();
        assertThat(harness.lines()).startsWith("in dir: " + ws.toAbsolutePath().resolve("src")).endsWith("feature/x");
    }
}
