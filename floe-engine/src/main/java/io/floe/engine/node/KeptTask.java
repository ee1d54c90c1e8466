package io.floe.engine.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A task its {@link GuardProcess} keeps past a planned restart, and until when. Detached, it may run for the grace
 * period; once the host is gone, the next process of the host talks to the guard through the FIFO {@code <token>.beat}
 * (made here, opened read-write so neither side waits for the other): {@code r} reattached (the heartbeat deadline
 * holds again), {@code .} a beat, {@code d} detached again by the next planned restart (the grace holds again),
 * {@code x} released (the task ended and was collected: what it left running stays).
 */
final class KeptTask {
    private final Path fifo;
    /** The host's record of the detach: the host removes it first when it forgets the task. */
    private final Path record;
    private final Duration deadline;
    private final Duration grace;
    private volatile long until;
    private volatile boolean reattached;
    /** The guard killed the task when its time was up: it has no exit status. */
    volatile boolean killedAtGrace;
    private BeatFifo beats;

    KeptTask(Path base, Duration deadline, Duration grace) {
        this.fifo = Path.of(base + ".beat");
        this.record = Path.of(base + ".detached");
        this.deadline = deadline;
        this.grace = grace;
        this.until = System.nanoTime() + grace.toNanos();
    }

    /** Whether the task's time is up at {@code now} (nanoTime). */
    boolean expired(long now) {
        return now - until > 0;
    }

    /** Why its time is up, for the guard's log. */
    String why() {
        return reattached ? "no heartbeat from the host process that reattached it for " + deadline.toMillis() + " ms"
                : "not reattached within the grace of " + grace.toMillis() + " ms";
    }

    /** The host is gone: the grace starts again, and the next process of the host may now reattach the task. */
    void listen(Runnable released) {
        until = System.nanoTime() + grace.toNanos();
        try {
            if (!Files.exists(fifo)) {
                String mkfifo = TaskGuard.Programs.find("mkfifo", List.of("/usr/bin", "/bin")).orElseThrow(() ->
                        new IOException("no mkfifo program found: install coreutils"));
                // for the host's user only, as the rest of the ledger (PrivateFiles)
                Process p = new ProcessBuilder(mkfifo, "-m", "600", fifo.toString()).redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IOException(out.strip());
                }
            }
            BeatFifo opened = BeatFifo.open(fifo);
            if (!Files.exists(record)) {
                // the next process of the host forgot the task while the FIFO was made: nobody will beat
                opened.close();
                Files.deleteIfExists(fifo);
                return;
            }
            synchronized (this) {
                beats = opened;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return; // the next process of the host forgot the task (and removed the FIFO) already
        } catch (IOException e) {
            System.err.println("floe guard: no heartbeat FIFO " + fifo + " (" + e.getMessage() + "): the task can not"
                    + " be reattached and is killed at the end of its grace");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Thread t = new Thread(null, () -> read(released), "floe-guard-kept-" + fifo.getFileName(), 64 * 1024);
        t.setDaemon(true);
        t.start();
    }

    private void read(Runnable released) {
        BeatFifo in;
        synchronized (this) {
            in = beats;
        }
        try {
            int b;
            while ((b = in.read()) >= 0) {
                long now = System.nanoTime();
                switch (b) {
                    case 'x' -> {
                        released.run();
                        close();
                        return;
                    }
                    case 'r' -> {
                        reattached = true;
                        until = now + deadline.toNanos();
                    }
                    case 'd' -> {
                        reattached = false;
                        until = now + grace.toNanos();
                    }
                    default -> {
                        if (reattached) {
                            until = now + deadline.toNanos();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // closed: the task ended
        }
    }

    /** The task ended: nobody needs its FIFO any more (the next process of the host reads its status). */
    synchronized void close() {
        if (beats != null) {
            try {
                beats.close();
            } catch (IOException e) {
                // nothing to do
            }
            beats = null;
        }
    }
}
