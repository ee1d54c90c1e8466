package io.floe.standalone.reliability;

import io.floe.engine.Await;
import io.floe.standalone.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A host in a JVM of its own, started as {@code floe} with the original's flags (as {@code HostJvm} does), that can be
 * crashed: stopped dead at once (SIGSTOP, so it starts nothing more), its task processes killed, then the JVM
 * SIGKILLed, with no shutdown hook run; its task processes would otherwise outlive it. Its output goes to a file, and
 * it starts with the JIT settings of a short-lived JVM, since the suite restarts it many times.
 */
final class CrashingHost implements AutoCloseable {
    private final Process process;
    private final Path output;

    private CrashingHost(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code floe} with {@code flags} in {@code dir} and waits until it serves its dashboard. */
    static CrashingHost start(Path dir, Path output, String... flags) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(flags));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        CrashingHost h = new CrashingHost(p, output);
        h.awaitOutput("dashboard:", Duration.ofSeconds(120));
        return h;
    }

    /** Kills the host at this moment, and every process it started. */
    void crash() throws InterruptedException, IOException {
        signal("STOP");
        List<Long> killed = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) { // a shell may have been forking when it was looked at
            // killed children stay zombies of the stopped JVM until it dies; SIGKILL leaves them no more steps
            process.descendants().forEach(p -> {
                killed.add(p.pid());
                p.destroyForcibly();
            });
        }
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the host did not die on SIGKILL");
        }
        // a killed process lets go of its files only once it is gone (a disk is then unmounted at once)
        Await.until("the host's killed processes to be gone", Duration.ofSeconds(60),
                () -> running(killed).isEmpty());
    }

    /**
     * SIGKILL to the host's JVM alone, as a crash does: its task processes are left to their guards (issue 16). Returns
     * the pids of the processes it had started a moment before.
     */
    List<Long> killAlone() throws InterruptedException {
        List<Long> tasks = process.descendants().map(ProcessHandle::pid).toList();
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the host did not die on SIGKILL");
        }
        return tasks;
    }

    /** Those of {@code pids} that still run (a zombie does not: it only waits to be collected). */
    static List<Long> running(List<Long> pids) {
        List<Long> out = new ArrayList<>();
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                if (stat.charAt(stat.lastIndexOf(')') + 2) != 'Z') {
                    out.add(pid);
                }
            } catch (IOException e) {
                // gone
            }
        }
        return out;
    }

    /** Whether the host's JVM still runs. */
    boolean alive() {
        return process.isAlive();
    }

    /** SIGSTOP: the host is frozen, as a host stuck in a pause or swapped out is. */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze}. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** SIGTERM, and waits for a clean exit; the exit code. */
    int stop() throws InterruptedException, IOException {
        signal("TERM");
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the host did not stop on SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGUSR2, a planned restart that keeps running tasks, and waits for a clean exit; the exit code. */
    int restartKeepingTasks() throws InterruptedException, IOException {
        signal("USR2");
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the host did not stop on SIGUSR2:\n" + output());
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            crash();
        }
    }

    private void awaitOutput(String text, Duration timeout) throws InterruptedException {
        try {
            Await.until("the host printed '" + text + "'", timeout, () -> {
                boolean printed = output().contains(text);
                if (!printed && !process.isAlive()) {
                    throw new AssertionError("the host ended");
                }
                return printed;
            });
        } catch (AssertionError e) {
            throw new AssertionError("host never printed '" + text + "' (" + e.getMessage() + "):\n" + output(), e);
        }
    }

    private void signal(String name) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start()
                .waitFor();
        if (code != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " exited with " + code);
        }
    }
}
