package io.floe.standalone.host;

import io.floe.engine.Await;
import io.floe.standalone.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A floe host in a JVM of its own ({@code floe} with the given flags), with its output captured. */
public final class HostJvm implements AutoCloseable {
    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();

    private final Thread outPump;
    private final Thread errPump;

    private HostJvm(Process process) {
        this.process = process;
        this.outPump = pump(process.getInputStream(), out);
        this.errPump = pump(process.getErrorStream(), err);
    }

    public static HostJvm start(Path workDir, String... flags) throws IOException {
        return start(workDir, List.of(), flags);
    }

    /** With JVM options before the main class, e.g. {@code -Duser.home=…}. */
    public static HostJvm start(Path workDir, List<String> jvmOptions, String... flags) throws IOException {
        return start(workDir, java.util.Map.of(), jvmOptions, flags);
    }

    /** With {@code env} added to the host's environment. */
    public static HostJvm start(Path workDir, java.util.Map<String, String> env, List<String> jvmOptions,
            String... flags) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // the host's own logging (HostLogging, to stderr) wins over a test jar's logback-test.xml on the class path
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().putAll(env);
        return new HostJvm(pb.start());
    }

    /** A port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until the output holds {@code text}. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        try {
            Await.until("the host printed '" + text + "'", timeout, () -> {
                boolean printed = out.toString().contains(text);
                if (!printed && !process.isAlive()) {
                    throw new AssertionError("the host ended");
                }
                return printed;
            });
        } catch (AssertionError e) {
            throw new AssertionError("host never printed '" + text + "' (" + e.getMessage() + "); stdout: " + out
                    + "\nstderr: " + err, e);
        }
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("host did not exit; stderr: " + err);
        }
        outPump.join(timeout.toMillis()); // all it printed has been read
        errPump.join(timeout.toMillis());
        return process.exitValue();
    }

    public String stdout() {
        return out.toString();
    }

    public String stderr() {
        return err.toString();
    }

    /**
     * SIGTERM, sent with kill(1) as an operator would: {@code Process.destroy()} would also close our ends of the
     * host's output pipes, losing what it prints while it shuts down.
     */
    public void terminate() {
        try {
            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hooks. */
    /** The host's threads as {@code jcmd Thread.print} shows them, for a failure's message. */
    public String threadDump() {
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                    .start();
            String dump = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static Thread pump(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.append(line).append('\n');
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "host-jvm-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
