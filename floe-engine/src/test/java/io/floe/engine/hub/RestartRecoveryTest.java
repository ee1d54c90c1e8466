package io.floe.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.event.Event;
import io.floe.engine.event.HostedRef;
import io.floe.engine.event.Tags;
import io.floe.engine.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real host JVM killed with SIGKILL in the middle of a run and started again on the same local store: the run
 * counter continues, the interrupted task gets its error event, merges and data nodes keep their state, and the run
 * goes on to its end.
 */
class RestartRecoveryTest {
    @TempDir
    Path dir;

    private static final String FLOW = """
            common: {store-type: local}
            flows:
              - id: crash
                ver: 1
                triggers: [{name: go, type: data}]
                tasks:
                  - {name: before, listen: trigger.good, type: exec, opts: {shell: "echo done-before"}}
                  - {name: long, listen: task.before.good, type: exec, opts: {shell: "echo $$ > long.pid; echo started-long; sleep 600"}}
                  - name: approve
                    listen: task.before.good
                    type: data
                    opts: {form: {title: Approve, fields: [{id: ok, prompt: OK, type: text}]}}
                  - {id: both, class: merge, wait: [task.long.error, task.approve.good]}
                  - {name: recovered, listen: merge.both.good, type: exec, opts: {shell: "echo recovered"}}
                  - {name: end, listen: task.recovered.good, type: end}
            """;

    @Test
    void aRunSurvivesItsHostBeingKilled() throws Exception {
        Path config = dir.resolve("crash.yml");
        Files.writeString(config, FLOW);
        Path root = dir.resolve("root");
        HostedRef first = new HostedRef("h1", 1);
        long orphan;
        try (Child a = Child.start(config, root)) {
            a.send("trigger crash go");
            a.await(e -> "started-long".equals(e.opts().get("update")));
            a.await(e -> e.tag().equals(Tags.SYS_DATA_REQUIRED));
            a.send("data h1-1 approve ok=yes");
            a.await(e -> e.tag().equals(Tags.SYS_NODE_UPDATE) && e.sourceNode().id().equals("both"));
            orphan = Long.parseLong(Files.readString(root.resolve("spaces/crash/ws/h1-1/long.pid")).trim());
            awaitFileContains(root.resolve("store/logs/h1-1/long.log"), "started-long"); // output reaches the OS
            a.kill();
        } 
        ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL leaves the task's process

        try (Child b = Child.start(config, root)) {
            Event interrupted = b.await(e -> e.tag().equals("task.long.error"));
            assertThat(interrupted.runRef().run()).isEqualTo(first);
            Event end = b.await(e -> e.tag().equals(Tags.SYS_END_ALL) && e.runRef().run().equals(first));
            assertThat(end.good()).isTrue();
            assertThat(end.sourceNode().id()).isEqualTo("end");
            assertThat(b.seen()).noneMatch(e -> "done-before".equals(e.opts().get("update")));
            assertThat(Files.readString(root.resolve("store/logs/h1-1/long.log"))).contains("started-long",
                    "interrupted by host restart");

            b.send("trigger crash go");
            Event second = b.await(e -> e.tag().equals(Tags.TRIGGER_GOOD));
            assertThat(second.runRef().run()).isEqualTo(new HostedRef("h1", 2));
            b.await(e -> "started-long".equals(e.opts().get("update")));
            b.send("cancel h1-2");
            b.await(e -> e.tag().equals(Tags.SYS_END_ALL) && e.runRef().run().equals(second.runRef().run()));
        }
    }

    /** Waits (up to 10 s) until the host has handed a log line to the OS; what a kill must not lose. */
    private static void awaitFileContains(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(file) && Files.readString(file).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " never got " + text);
            }
            Thread.onSpinWait();
            Thread.sleep(20);
        }
    }

    /** A RestartHost JVM, its stdin and its parsed events. */
    private static final class Child implements AutoCloseable {
        private final Process process;
        private final PrintWriter stdin;
        private final EventRecorder events = new EventRecorder();
        private final Thread reader;

        private Child(Process process) {
            this.process = process;
            this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.reader = new Thread(this::read, "child-reader");
            this.reader.setDaemon(true);
            this.reader.start();
        }

        static Child start(Path config, Path root) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RestartHost.class.getName(), config.toString(), root.toString());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            return new Child(pb.start());
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("EVENT ")) {
                        events.notify(Json.read(line.substring(6), Event.class));
                    }
                }
            } catch (IOException e) {
                // the process died: nothing more to read
            }
        }

        void send(String command) {
            stdin.println(command);
        }

        Event await(Predicate<Event> p) {
            return events.await(p, Duration.ofSeconds(60));
        }

        List<Event> seen() {
            return events.all();
        }

        /** SIGKILL: no shutdown hook, no flush, nothing. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            stdin.close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
