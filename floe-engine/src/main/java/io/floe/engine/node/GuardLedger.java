package io.floe.engine.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file per running guarded task (named for its session id, holding the boot it ran in and its start time), so the
 * next process of this host can make sure the tasks of the last one are gone before it reports them interrupted. The
 * watchers kill them the moment the host dies; this covers a host that restarts faster than a kill completes, and a
 * watcher that was killed with its host. Not synced: a machine that crashed took the processes with it.
 */
final class GuardLedger {
    private static final Logger log = LoggerFactory.getLogger(GuardLedger.class);
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final long WAIT_STEP_MILLIS = 10;
    private static final long GIVE_UP_MILLIS = 60_000;

    private final Path dir;
    private final String boot;

    /** @param dir the ledger's folder, or null for none */
    GuardLedger(Path dir) {
        this.dir = dir;
        this.boot = bootId();
    }

    /** Records a task's session; the entry is removed when the task ended. */
    Entry record(long sid) {
        if (dir == null) {
            return () -> {};
        }
        Path file = dir.resolve(Long.toString(sid));
        try {
            Files.createDirectories(dir);
            Files.writeString(file, boot + " " + ProcessSessions.startTime(sid).orElse(-1L) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("could not record task process {} in {}: a restart of this host may report it interrupted"
                    + " while it is still being killed: {}", sid, dir, e.getMessage());
        }
        return () -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.debug("could not remove {}: {}", file, e.getMessage());
            }
        };
    }

    /** Kills what is left of every recorded session and waits until it is gone; then forgets them. */
    void stopLeftovers() {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                stop(f);
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the task ledger " + dir + ": " + e.getMessage()
                    + "; check that this host's user may read and write it", e);
        }
    }

    private void stop(Path file) throws IOException {
        long sid;
        List<String> fields;
        try {
            sid = Long.parseLong(file.getFileName().toString());
            fields = List.of(Files.readString(file, StandardCharsets.UTF_8).strip().split(" "));
        } catch (NumberFormatException e) {
            return;
        }
        if (fields.size() < 2 || !fields.get(0).equals(boot)) {
            return; // recorded before the machine restarted: that process is gone
        }
        Optional<Long> leaderStart = ProcessSessions.startTime(sid);
        if (leaderStart.isPresent() && !leaderStart.get().toString().equals(fields.get(1))) {
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

    /** A recorded task. */
    interface Entry {
        void remove();
    }
}
