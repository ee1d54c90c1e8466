package io.floe.engine.node;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes of a session, read from Linux's {@code /proc}: a guarded task runs in a session of its own whose id
 * is the task's pid, so its whole tree can be found after its parent is gone (orphans included).
 */
final class ProcessSessions {
    private static final Path PROC = Path.of("/proc");

    private ProcessSessions() {}

    /** The pids of the live (not zombie) processes of session {@code sid}. */
    static List<Long> members(long sid) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path p : all) {
                stat(p).filter(s -> s.session() == sid && s.running()).ifPresent(s -> out.add(s.pid()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("can not list the processes in /proc: " + e.getMessage(), e);
        }
        return out;
    }

    /** SIGKILL to every live process of session {@code sid}; the number signalled. */
    static int kill(long sid) {
        int n = 0;
        for (long pid : members(sid)) {
            if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Whether session {@code sid} may still be the one whose leader started at {@code leaderStart} (clock ticks since
     * boot): its leader is that process, or is gone (what is left are its orphans). Once a session is empty its id can
     * be a new process's pid, and a new session's: that one is not ours to kill.
     */
    static boolean stillLedBy(long sid, long leaderStart) {
        return startTime(sid).map(t -> t == leaderStart).orElse(true);
    }

    /** The start time of process {@code pid} in clock ticks since boot, if it runs. */
    static Optional<Long> startTime(long pid) {
        return stat(PROC.resolve(Long.toString(pid))).map(Stat::startTime);
    }

    record Stat(long pid, char state, long session, long startTime) {
        boolean running() {
            return state != 'Z' && state != 'X';
        }
    }

    /** Fields of /proc/pid/stat after the command name, which may hold spaces and parentheses. */
    static Optional<Stat> stat(Path dir) {
        String line;
        try {
            line = Files.readString(dir.resolve("stat"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone meanwhile
        }
        int close = line.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        String[] f = line.substring(close + 2).trim().split(" ");
        // state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority
        // nice threads itrealvalue starttime
        if (f.length < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stat(Long.parseLong(dir.getFileName().toString()), f[0].charAt(0),
                    Long.parseLong(f[3]), Long.parseLong(f[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
