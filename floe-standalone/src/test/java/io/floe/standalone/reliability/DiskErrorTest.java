package io.floe.standalone.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.Await;
import io.floe.standalone.api.Api;
import io.floe.standalone.api.RunningHost;
import io.floe.standalone.host.HostJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A disk that fails under a running host (issue 21, the fault behind group commit): a host process whose root is on a
 * real ext4 disk ({@link FailingDisk}) runs a few runs, and one more waits in a long task; then every I/O to the disk
 * fails with EIO, as a dying disk's does. The host answers every trigger 503 (the force of its write failed, so it may
 * or may not be saved; or the write itself failed; or the host already refuses all work), never 200, says so on
 * /health, starts no task and stays up. Where the force failed (ext4 without a journal, where a write still lands in
 * the page cache) it also stops the long task. Killed, and started again on the repaired disk (which holds what it held
 * when it failed), it has every run it answered before the fault archived once, each task's work done once, the
 * long task's run ended by its interruption, and no run of a refused trigger.
 * {@link FullDiskTest} does the same for a disk that is full, which the host survives without a restart.
 */
class DiskErrorTest {
    private static final String FLOW = "mark";
    private static final String CANNOT_WRITE = "the run store cannot write: ";
    /** The force of a written turn failed: told to its caller. */
    private static final String UNKNOWN = "it may or may not have been saved";
    /** The write itself failed (the filesystem had already turned read-only, or SQLite could not read a page). */
    private static final String NOT_ADOPTED = "the trigger was not adopted";
    /** The host lost its disk before: it refuses everything until it is started again. */
    private static final String REFUSED = "nothing was changed";
    /** How the disk's fault reaches the host: EIO from fdatasync or write(), or SQLite's file turned read-only. */
    private static final String[] DISK_FAULT = {"Input/output error", "I/O error", "readonly database"};
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(FailingDisk.Filesystem.class)
    void aHostWhoseDiskFailsRefusesAllWorkAndStartedOnTheRepairedDiskHasEveryAnsweredRunOnce(
            FailingDisk.Filesystem filesystem) throws Exception {
        Path marks = dir.resolve("marks");
        Path longTask = dir.resolve("long-task.pid");
        try (FailingDisk disk = FailingDisk.create(dir, filesystem)) {
            Files.writeString(dir.resolve("default.yml"), """
                    common:
                      store-type: local
                    flows:
                      - id: %1$s
                        ver: 1
                        triggers: [{name: go, type: data}]
                        tasks:
                          - {name: mark, listen: trigger.good, type: exec, opts: {shell: 'basename "$FLOEWS" >> %2$s'}}
                          - {name: end, listen: task.mark.good, type: end}
                          - {name: interrupted, listen: task.mark.error, type: end}
                      - id: long
                        ver: 1
                        triggers: [{name: go, type: data}]
                        tasks:
                          - name: wait
                            listen: trigger.good
                            type: exec
                            opts:
                              shell: 'echo $$ > %3$s; until [ -f %4$s ]; do sleep .02; done; basename "$FLOEWS" >> %2$s'
                          - {name: end, listen: task.wait.good, type: end}
                          - {name: interrupted, listen: task.wait.error, type: end}
                    """.formatted(FLOW, marks, longTask, dir.resolve("never")));
            int port = HostJvm.freePort();
            String[] flags = {"-admin=" + RunningHost.ADMIN, "-host_name=h1", "-tags=master",
                "-pub_bind=127.0.0.1:" + port, "-root=" + disk.mount().resolve("floe")};
            Api api = new Api("http://127.0.0.1:" + port, "/build/api");

            List<String> answered = new ArrayList<>();
            int unknown = 0;
            List<String> outcomes = new ArrayList<>();
            String down;
            String waiting;
            long waitingPid;
            try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-before.out"), flags)) {
                for (int i = 0; i < 3; i++) {
                    answered.add(trigger(api, FLOW));
                }
                awaitOrShow(host, "the runs answered are archived",
                        () -> FormAnswerer.runs(api, FLOW, "Archive").containsAll(answered));
                assertThat(marks(marks)).containsExactlyInAnyOrderElementsOf(answered);
                waiting = trigger(api, "long");
                awaitOrShow(host, "the long task runs", () -> Files.exists(longTask) && pid(longTask) > 0);
                waitingPid = pid(longTask);

                disk.fail();
                for (int i = 0; i < 3; i++) {
                    Api.Answer a = push(api, FLOW);
                    assertThat(a.status()).as("trigger %d after the disk failed: %s\nthe host's output:\n%s", i,
                            a.body(), host.output()).isEqualTo(503);
                    assertThat(a.message()).contains(CANNOT_WRITE).containsAnyOf(UNKNOWN, NOT_ADOPTED, REFUSED)
                            .containsAnyOf(DISK_FAULT);
                    if (a.message().contains(UNKNOWN)) {
                        unknown++;
                    }
                    outcomes.add(a.message());
                }
                // a failed force is told to its callers before the host stops taking work
                awaitOrShow(host, "/health answers 503", () -> health(api).status() == 503);
                down = health(api).json().get("Store").getAsString();
                assertThat(down).contains(CANNOT_WRITE).containsAnyOf(DISK_FAULT);
                assertThat(host.alive()).as(host.output()).isTrue();
                if (filesystem == FailingDisk.Filesystem.EXT4_WITHOUT_JOURNAL) {
                    // the write-back of a written turn failed: its caller heard so, and the host stopped its tasks
                    assertThat(outcomes.get(0)).contains(UNKNOWN);
                    assertThat(outcomes.subList(1, outcomes.size()))
                            .allSatisfy(m -> assertThat(m).contains(REFUSED, "restart the host"));
                    assertThat(down).contains("refuses all work until it is restarted");
                    awaitOrShow(host, "the long task was stopped",
                            () -> CrashingHost.running(List.of(waitingPid)).isEmpty());
                }
                assertThat(marks(marks)).as("tasks run").containsExactlyInAnyOrderElementsOf(answered);

                host.crash(); // a power cut: nothing of it runs on
                assertThat(marks(marks)).as("tasks run").containsExactlyInAnyOrderElementsOf(answered);
            }

            disk.repair();
            try (CrashingHost host = CrashingHost.start(dir, dir.resolve("host-after.out"), flags)) {
                awaitOrShow(host, "no run is active or pending", () -> List.of(FLOW, "long").stream().allMatch(
                        f -> FormAnswerer.runs(api, f, "Active").isEmpty()
                                && FormAnswerer.runs(api, f, "Pending").isEmpty()));
                // the long task was interrupted (its run ended by that), and did not run again
                assertThat(FormAnswerer.runs(api, "long", "Archive")).containsExactly(waiting);
                assertThat(CrashingHost.running(List.of(waitingPid))).isEmpty();
                List<String> archived = FormAnswerer.runs(api, FLOW, "Archive");
                assertThat(archived).as(host.output()).doesNotHaveDuplicates().containsAll(answered);
                // a run of a trigger answered "may or may not have been saved" may exist (saved, ended once);
                // a refused trigger made none
                Set<String> unanswered = new HashSet<>(archived);
                answered.forEach(unanswered::remove);
                assertThat(unanswered).hasSizeLessThanOrEqualTo(unknown);
                List<String> ran = marks(marks);
                assertThat(ran).doesNotHaveDuplicates().containsAll(answered);
                assertThat(archived).containsAll(ran);
                assertThat(health(api).status()).isEqualTo(200);

                String after = trigger(api, FLOW); // and the host takes work again
                awaitOrShow(host, "a run after the restart is archived",
                        () -> FormAnswerer.runs(api, FLOW, "Archive").contains(after));
                assertThat(marks(marks)).containsOnlyOnce(after);
                assertThat(host.stop()).as(host.output()).isIn(0, 143);
                System.out.printf("disk error on %s: the triggers on the failed disk were answered%n  %s%n"
                        + "/health: %s%nafter the restart: %d runs archived, %d of them answered before the fault%n",
                        filesystem, String.join("\n  ", outcomes), down, archived.size(), answered.size());
            }
        }
    }

    /** Triggers a run of {@code flow}, as its form's Go button does. */
    private static Api.Answer push(Api api, String flow) {
        return api.post("/push/data", "{\"Ref\":{\"ID\":\"" + flow + "\"},\"Form\":{\"ID\":\"go\"}}", Api.admin());
    }

    /** The id of the run a trigger of {@code flow} made, which it must. */
    private static String trigger(Api api, String flow) {
        Api.Answer a = push(api, flow);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        List<String> runs = a.payload().getAsJsonObject().getAsJsonArray("Runs").asList().stream()
                .map(r -> r.getAsString()).toList();
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    /** The runs whose task ran, as the task wrote them, once per time it ran. */
    private static List<String> marks(Path marks) throws IOException {
        return Files.exists(marks) ? Files.readAllLines(marks) : List.of();
    }

    /** The pid a task wrote, or 0 while it is being written. */
    private static long pid(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void awaitOrShow(CrashingHost host, String what, BooleanSupplier condition) {
        try {
            Await.until(what, DEADLINE, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the host's output:\n" + host.output(), e);
        }
    }

    private static Api.Answer health(Api api) {
        return api.raw("GET", "/health", null);
    }
}
