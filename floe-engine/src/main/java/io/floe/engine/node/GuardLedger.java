package io.floe.engine.node;

import io.floe.engine.workspace.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line per running guarded task in the {@link TaskJournal} (its session id, the boot it ran in and its start time),
 * so the next process of this host can make sure the tasks of the last one are gone before it reports them
 * interrupted. The watchers kill them the moment the host dies; this covers a host that restarts faster than a kill
 * completes, and a watcher that was killed with its host. Not synced: a machine that crashed took the processes with
 * it.
 * <p>
 * A task that can be detached (a guard with a grace period) also has files named for a token: {@code .out} (its
 * output, from its first byte, once detached or large), {@code .status} (its exit status, once it ended detached),
 * {@code .guard} (the pid and start time of the guard process that keeps it), {@code .beat} (the FIFO that guard reads
 * once the host is gone) and {@code .detached} (the {@link Detachment}).
 */
final class GuardLedger {
    private static final Logger log = LoggerFactory.getLogger(GuardLedger.class);
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final long WAIT_STEP_MILLIS = 10;
    private static final long GIVE_UP_MILLIS = 60_000;
    private static final long GIVE_UP_GUARD_MILLIS = 15_000;
    /** A file of a task's token ({@link #newToken}): {@code t<base 36>-<n>.<suffix>}. */
    private static final java.util.regex.Pattern TOKEN_FILE = java.util.regex.Pattern.compile("t[0-9a-z]+-[0-9]+\\..+");

    private final Path dir;
    private final String boot;
    private final java.util.concurrent.atomic.AtomicLong tokens = new java.util.concurrent.atomic.AtomicLong();
    private final String tokenPrefix = "t" + Long.toString(System.currentTimeMillis(), 36) + "-";

    /** Whether the folder is known to exist: made once, not per task (each try throws inside the JDK). */
    private volatile boolean made;
    /** Tokens of tasks for which a detach began: only they may have files of their own. */
    private final java.util.Set<String> detaching = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Which task sessions run; null without a ledger. */
    private final TaskJournal journal;

    /** @param dir the ledger's folder, or null for none */
    GuardLedger(Path dir) {
        this.dir = dir;
        this.boot = bootId();
        this.journal = dir == null ? null : new TaskJournal(dir);
    }

    /** A new name for a detachable task's files (the folder is made here, before the task writes into it). */
    String newToken() {
        try {
            makeDir();
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the task ledger " + dir + ": " + e.getMessage(), e);
        }
        return tokenPrefix + tokens.incrementAndGet();
    }

    private void makeDir() throws IOException {
        if (!made) {
            PrivateFiles.folder(dir);
            made = true;
        }
    }

    /**
     * Where this host's guard process writes what it has to say: beside the ledger, not in it (whose files are all
     * tasks'); null without a ledger (its stderr goes to this JVM's).
     */
    Path logFile() {
        return dir == null ? null : dir.resolveSibling(dir.getFileName() + ".guard.log");
    }

    /** Where the files of the task named {@code token} are: this plus a suffix. */
    Path base(String token) {
        return dir.resolve(token);
    }

    /** Records that the task named {@code token} was detached, and how far its output was logged. */
    void recordDetached(String token, Detachment d) throws IOException {
        detaching.add(token);
        java.util.Properties p = new java.util.Properties();
        p.setProperty("run", d.run());
        p.setProperty("node", d.node());
        p.setProperty("offset", Long.toString(d.offset()));
        p.setProperty("lines", Long.toString(d.lines()));
        Path tmp = dir.resolve(token + ".detached.tmp");
        java.io.StringWriter w = new java.io.StringWriter();
        p.store(w, null);
        PrivateFiles.write(tmp, w.toString());
        Files.move(tmp, dir.resolve(token + ".detached"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Records which guard process keeps the detached task named {@code token}: its pid and start time, so the next
     * process of this host can tell whether it still does.
     */
    void recordKeeper(String token, long pid, long startTime) throws IOException {
        detaching.add(token);
        PrivateFiles.write(dir.resolve(token + ".guard"), pid + " " + startTime + "\n");
    }

    /** Whether the guard process recorded in {@code <token>.guard} still runs (the same process: its start time). */
    boolean keeperAlive(String token) {
        try {
            String[] f = Files.readString(dir.resolve(token + ".guard"), StandardCharsets.UTF_8).strip().split(" ");
            long pid = Long.parseLong(f[0]);
            Optional<Long> started = ProcessSessions.startTime(pid);
            return started.isPresent() && (f.length < 2 || started.get() == Long.parseLong(f[1]));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Records a guard process of this host (beside the ledger, whose files are all tasks'), so the next process of the
     * host waits for a crashed one's guard to finish stopping its tasks before it goes on.
     */
    void recordGuard(long pid, long startTime) {
        if (dir == null) {
            return;
        }
        try {
            PrivateFiles.folder(guards());
            PrivateFiles.write(guards().resolve(Long.toString(pid)), boot + " " + startTime + "\n");
        } catch (IOException e) {
            log.warn("could not record task guard process {} in {}: {}", pid, guards(), e.getMessage());
        }
    }

    private Path guards() {
        return dir.resolveSibling(dir.getFileName() + ".guards");
    }

    /**
     * Waits for the guard processes of this host's last process to leave (a guard kills its attached tasks when its
     * host is gone, then leaves), but for those keeping a task in {@code kept}; SIGKILL to one still there after
     * {@value #GIVE_UP_GUARD_MILLIS} ms. A guard of this very process is not a leftover.
     */
    private void awaitGuards(List<DetachedTask> kept) {
        if (!Files.isDirectory(guards())) {
            return;
        }
        java.util.Set<Long> keepers = new java.util.HashSet<>();
        for (DetachedTask t : kept) {
            keeper(t.token()).ifPresent(keepers::add);
        }
        List<Path> files;
        try (var list = Files.list(guards())) {
            files = list.toList();
        } catch (IOException e) {
            log.warn("could not read {}: {}", guards(), e.getMessage());
            return;
        }
        for (Path f : files) {
            try {
                long pid = Long.parseLong(f.getFileName().toString());
                String[] fields = Files.readString(f, StandardCharsets.UTF_8).strip().split(" ");
                long start = Long.parseLong(fields[1]);
                if (keepers.contains(pid) || ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                        .map(p -> p.pid() == ProcessHandle.current().pid()).orElse(false)) {
                    continue;
                }
                long waited = 0;
                while (fields[0].equals(boot) && ProcessSessions.startTime(pid).map(t -> t == start).orElse(false)) {
                    if (waited >= GIVE_UP_GUARD_MILLIS) {
                        log.warn("task guard process {} of this host's last run did not leave: killing it", pid);
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
                    Thread.sleep(WAIT_STEP_MILLIS);
                    waited += WAIT_STEP_MILLIS;
                }
                Files.deleteIfExists(f);
            } catch (IOException | RuntimeException e) {
                log.debug("skipping guard record {}: {}", f, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The pid of the guard process recorded as keeping the task named {@code token}. */
    private Optional<Long> keeper(String token) {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve(token + ".guard"), StandardCharsets.UTF_8)
                    .strip().split(" ")[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records a task's session (and the token of its files, or null); the entry is removed when the task ended. */
    Entry record(long sid, String token) {
        return record(sid, dir == null ? -1 : ProcessSessions.startTime(sid).orElse(-1L), token);
    }

    /** As {@link #record(long, String)}, with the start time of the session's leader as its parent saw it. */
    Entry record(long sid, long leaderStart, String token) {
        if (dir == null) {
            return () -> {};
        }
        try {
            journal.add(sid, boot + " " + leaderStart + (token == null ? "" : " " + token));
        } catch (IOException e) {
            log.warn("could not record task process {} in {}: a restart of this host may report it interrupted"
                    + " while it is still being killed: {}", sid, dir, e.getMessage());
        }
        // a task of this process has files of its token only if a detach of it began
        return () -> forget(sid, token != null && detaching.remove(token) ? token : null);
    }

    /**
     * Removes the files of a task that ended and was reported. The record of its detach goes first: its guard process
     * writes a status only while that record is there, and removes what it wrote if the record is gone after it
     * (so a status written while this runs is never left behind).
     */
    void forget(long sid, String token) {
        if (token != null) {
            for (String suffix : List.of(".detached", ".detached.tmp", ".out", ".status", ".status.tmp", ".guard",
                    ".beat")) {
                try {
                    Files.deleteIfExists(dir.resolve(token + suffix));
                } catch (IOException e) {
                    log.debug("could not remove {}{}: {}", token, suffix, e.getMessage());
                }
            }
        }
        try {
            journal.remove(sid);
        } catch (IOException e) {
            log.warn("could not record the end of task process {} in {}: {}", sid, dir, e.getMessage());
        }
    }

    /**
     * The tasks of this host's last process that it detached and that still run or ended with a recorded status;
     * what is left of every other recorded task is killed (waiting until it is gone) and forgotten.
     *
     * @param deadline the heartbeat deadline a reattached task's watcher is held to
     */
    List<DetachedTask> collect(java.time.Duration deadline) {
        List<DetachedTask> out = new java.util.ArrayList<>();
        if (dir == null) {
            return out;
        }
        if (!Files.isDirectory(dir)) {
            awaitGuards(out);
            return out;
        }
        List<Path> entries = new java.util.ArrayList<>();
        Map<Long, List<String>> recorded;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            files.forEach(entries::add);
            recorded = TaskJournal.read(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the task ledger " + dir + ": " + e.getMessage()
                    + "; check that this host's user may read and write it", e);
        }
        List<Path> perTask = new java.util.ArrayList<>();
        for (Path f : entries) {
            try {
                long sid = Long.parseLong(f.getFileName().toString());
                // a file per task, as versions before the journal kept them
                recorded.put(sid, List.of(Files.readString(f, StandardCharsets.UTF_8).strip().split(" ")));
                perTask.add(f);
            } catch (NumberFormatException e) {
                // a token's file: handled with its task, or left over from one (removed below)
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the task ledger entry " + f + ": " + e.getMessage()
                        + "; check that this host's user may read and write it", e);
            }
        }
        Map<Long, List<String>> kept = new java.util.LinkedHashMap<>();
        long statusUntil = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                DetachedTask.STATUS_WAIT_MILLIS);
        for (Map.Entry<Long, List<String>> e : recorded.entrySet()) {
            long sid = e.getKey();
            List<String> fields = e.getValue();
            String token = fields.size() > 2 ? fields.get(2) : null;
            Optional<DetachedTask> d;
            try {
                d = token == null ? Optional.empty() : detached(sid, token, fields, deadline, statusUntil);
            } catch (IOException x) {
                throw new UncheckedIOException("could not read the task ledger's record of task process " + sid
                        + " in " + dir + ": " + x.getMessage() + "; check that this host's user may read and write"
                        + " it", x);
            }
            if (d.isPresent()) {
                out.add(d.get());
                kept.put(sid, fields);
            } else {
                stop(sid, fields);
                forget(sid, token);
            }
        }
        try {
            journal.takeOver(kept);
            for (Path f : perTask) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the task ledger " + dir + ": " + e.getMessage()
                    + "; check that this host's user may read and write it", e);
        }
        awaitGuards(out);
        removeLeftovers(entries, out);
        return out;
    }

    /**
     * Removes the files of tokens no task claims any more (the guards of the last process are gone by now): what a
     * process that died while it forgot a task left, so the ledger does not grow over restarts.
     */
    private void removeLeftovers(List<Path> entries, List<DetachedTask> kept) {
        java.util.Set<String> claimed = new java.util.HashSet<>();
        kept.forEach(t -> claimed.add(t.token()));
        for (Path f : entries) {
            String name = f.getFileName().toString();
            int dot = name.indexOf('.');
            if (TOKEN_FILE.matcher(name).matches() && !claimed.contains(name.substring(0, dot))) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    log.debug("could not remove {}: {}", f, e.getMessage());
                }
            }
        }
    }

    /**
     * Whether the ended task {@code token} has its status, or gets it by {@code until} (nanoTime): the guard that kept
     * it writes it once the task's output ended (a process the task left may hold that for a moment), so a task that
     * ended just before this host looked has none yet while its guard still runs. One killed at the end of its grace
     * gets none.
     */
    private boolean statusComes(String token, long until) {
        while (!DetachedTask.hasStatus(base(token)) && keeperAlive(token) && System.nanoTime() < until) {
            try {
                Thread.sleep(WAIT_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return DetachedTask.hasStatus(base(token));
    }

    private Optional<DetachedTask> detached(long sid, String token, List<String> fields, java.time.Duration deadline,
            long statusUntil) throws IOException {
        Path record = dir.resolve(token + ".detached");
        if (!Files.isRegularFile(record)) {
            return Optional.empty();
        }
        java.util.Properties p = new java.util.Properties();
        try (var r = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Detachment d;
        try {
            d = new Detachment(p.getProperty("run", ""), p.getProperty("node", ""),
                    Long.parseLong(p.getProperty("offset", "0")), Long.parseLong(p.getProperty("lines", "0")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        boolean ours = fields.size() >= 2 && fields.get(0).equals(boot)
                && ProcessSessions.startTime(sid).map(t -> t.toString().equals(fields.get(1))).orElse(false);
        boolean running = ours && !ProcessSessions.members(sid).isEmpty();
        if (!running && !statusComes(token, statusUntil)) {
            return Optional.empty(); // stopped at the end of its grace period (or the machine restarted)
        }
        return Optional.of(new DetachedTask(this, sid, leaderStart(fields), token, d, running, deadline));
    }

    /** Kills what is left of session {@code sid} (recorded with {@code fields}) and waits until it is gone. */
    void stop(long sid, List<String> fields) {
        if (fields.size() < 2 || !fields.get(0).equals(boot)) {
            return; // recorded before the machine restarted: that process is gone
        }
        if (!ProcessSessions.stillLedBy(sid, leaderStart(fields))) {
            return; // the pid is another process's now, so the session it led is gone
        }
        long waited = 0;
        while (ProcessSessions.kill(sid) > 0 || !ProcessSessions.members(sid).isEmpty()) {
            if (waited >= GIVE_UP_MILLIS) {
                log.error("processes {} of a task of this host's last run ignore SIGKILL for {} s (stuck in I/O?):"
                        + " reporting the task interrupted anyway", ProcessSessions.members(sid),
                        GIVE_UP_MILLIS / 1000);
                return;
            }
            try {
                Thread.sleep(WAIT_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            waited += WAIT_STEP_MILLIS;
        }
        if (waited > 0) {
            log.info("stopped what was left of task process {} of this host's last run", sid);
        }
    }

    private static String bootId() {
        try {
            return Files.readString(BOOT_ID, StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** This host closed: the ledger keeps no file open (tasks that end later are still recorded). */
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    /** A recorded task. */
    interface Entry {
        void remove();
    }

    /** The recorded start time of a task's session leader; -1 (matches no process) when the entry lacks it. */
    private static long leaderStart(List<String> fields) {
        try {
            return fields.size() >= 2 ? Long.parseLong(fields.get(1)) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
