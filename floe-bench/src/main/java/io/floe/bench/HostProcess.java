package io.floe.bench;

import io.floe.standalone.Main;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A floe host in a process of its own, as an operator starts it, whose memory can be read from outside. */
public final class HostProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    public final String url;

    private HostProcess(Process process, Path out, String url) {
        this.process = process;
        this.out = out;
        this.url = url;
    }

    /** Starts {@code floe -conf=<dir>/default.yml} with default JVM settings plus {@code jvmFlags}. */
    public static HostProcess start(Path dir, String yaml, List<String> jvmFlags) throws Exception {
        Files.writeString(dir.resolve("default.yml"), yaml);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        cmd.addAll(jvmFlags);
        // absolute, as the host runs in another folder (java -jar gives a relative class path)
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        cmd.addAll(List.of("-cp", classPath, Main.class.getName(), "-host_name=h1",
                "-admin=bench-token", "-pub_bind=127.0.0.1:" + port, "-root=" + dir.resolve("root"),
                "-conf=" + dir.resolve("default.yml")));
        Path out = dir.resolve("host.out");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        HostProcess h = new HostProcess(p, out, "http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(out).contains("dashboard:")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the host did not start:\n" + Files.readString(out));
            }
            Thread.sleep(50);
        }
        return h;
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size in bytes, from /proc. */
    public long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for " + process.pid());
    }

    /** Bytes the process passed to write(2) and friends so far, from /proc/pid/io. */
    public long writtenChars() throws IOException {
        return ioField("wchar");
    }

    long ioField(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/io"))) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new IOException("no " + name + " in /proc/" + process.pid() + "/io");
    }

    /** A full GC, then the heap in use in bytes (jcmd GC.run, GC.heap_info). */
    public long heapUsedAfterGc() throws Exception {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            throw new IOException("no heap use in: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private String jcmd(String command) throws Exception {
        Process j = new ProcessBuilder("jcmd", Long.toString(process.pid()), command).redirectErrorStream(true)
                .start();
        String text = new String(j.getInputStream().readAllBytes());
        j.waitFor();
        return text;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
