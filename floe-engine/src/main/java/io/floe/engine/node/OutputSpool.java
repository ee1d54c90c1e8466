package io.floe.engine.node;

import io.floe.engine.workspace.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The output of a task that may be detached on a planned restart, as its {@link GuardProcess} keeps it: in memory while
 * it is small, in the ledger's {@code <token>.out} from its first byte once it grows or the task is detached (the next
 * process of the host reads it from where the last one stopped logging). A short task never touches the disk.
 */
final class OutputSpool {
    /** Past this much output the spool goes to its file: a guard keeps many tasks in a small heap. */
    static final int IN_MEMORY = 64 << 10;

    private final Path file;
    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private OutputStream out;
    private boolean ended;

    /** @param base the ledger's base name for the task's files */
    OutputSpool(Path base) {
        this.file = Path.of(base + ".out");
    }

    /** More output of the task. */
    synchronized void add(byte[] bytes, int length) throws IOException {
        if (out != null) {
            out.write(bytes, 0, length);
        } else if (kept != null) {
            kept.write(bytes, 0, length);
            if (kept.size() > IN_MEMORY) {
                toFile();
            }
        }
    }

    /** The task was detached: everything so far, and what follows, goes to the file. */
    synchronized void toFile() throws IOException {
        if (out != null || kept == null) {
            return;
        }
        out = java.nio.channels.Channels.newOutputStream(PrivateFiles.open(file, java.util.EnumSet.of(
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.APPEND)));
        kept.writeTo(out);
        kept = null;
        if (ended) {
            closeFile();
        }
    }

    /** The task's output ended: the file is complete. */
    synchronized void end() {
        ended = true;
        if (out != null) {
            closeFile();
        }
    }

    private void closeFile() {
        try {
            out.close();
        } catch (IOException e) {
            System.err.println("floe guard: could not close " + file + ": " + e.getMessage());
        }
    }
}
