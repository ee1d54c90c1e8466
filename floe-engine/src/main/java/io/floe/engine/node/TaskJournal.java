package io.floe.engine.node;

import io.floe.engine.workspace.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The task ledger's record of which task sessions run (the file {@value #NAME} in the ledger's folder): a line
 * {@code + <sid> <fields>} appended when a task starts, {@code - <sid>} when it ended. One file appended to, not a file
 * made and removed per task: on ext4 each new file searches the inode bitmap past every recently freed inode, and with
 * a file per task that search took a quarter of a busy host's CPU (figure 3: 250 tasks/s, {@code find_inode_bit} in
 * 25% of the host's samples under {@code perf}). The file is emptied whenever no task runs and rewritten with what
 * runs once it grew past {@value #COMPACT_AFTER} bytes. Not synced, as the ledger never was: a machine that crashed
 * took the processes with it.
 */
final class TaskJournal {
    static final String NAME = "tasks";
    private static final long COMPACT_AFTER = 1 << 20;

    private final Path file;
    /** The start line of each task of this process that runs. */
    private final Map<Long, String> live = new LinkedHashMap<>();
    /** Lines found in the file when this process first wrote to it and not yet collected: kept until they are. */
    private final Map<Long, String> found = new LinkedHashMap<>();
    private FileChannel channel;
    private long size;
    /**
     * Its host closed: nothing is written any more. The file may be the next process's by then (a planned restart, a
     * new host in the same JVM), and a line left saying a task runs is harmless: the next process kills a recorded
     * session only while its recorded leader, by start time, still leads it.
     */
    private boolean closed;
    /** Whether what an earlier process recorded was taken in (once: later the file holds this process's lines). */
    private boolean adopted;

    TaskJournal(Path dir) {
        this.file = dir.resolve(NAME);
    }

    /** The tasks recorded in {@code dir}'s journal as running, by session id: the fields of each start line. */
    static Map<Long, List<String>> read(Path dir) throws IOException {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return out;
        }
        for (String line : lines) {
            String[] f = line.strip().split(" ");
            try {
                if (f.length >= 3 && f[0].equals("+")) {
                    out.put(Long.parseLong(f[1]), List.of(f).subList(2, f.length));
                } else if (f.length == 2 && f[0].equals("-")) {
                    out.remove(Long.parseLong(f[1]));
                }
            } catch (NumberFormatException e) {
                // a line cut short by a crash: skipped
            }
        }
        return out;
    }

    /** Records that task session {@code sid} runs, with {@code fields} (space-separated, no newline). */
    synchronized void add(long sid, String fields) throws IOException {
        if (closed) {
            return;
        }
        String line = startLine(sid, fields);
        live.put(sid, line);
        append(line);
    }

    /** Records that task session {@code sid} ended (of this process, or found from the last one). */
    synchronized void remove(long sid) throws IOException {
        boolean ours = live.remove(sid) != null;
        boolean theirs = found.remove(sid) != null;
        if (closed || !ours && !theirs) {
            return;
        }
        if (live.isEmpty() && found.isEmpty()) {
            open().truncate(0); // nothing runs: the file starts over, and stays small
            size = 0;
        } else {
            append("- " + sid + "\n");
        }
    }

    /**
     * The next process of the host took over from the last one: the file now holds this process's tasks and those of
     * {@code kept} (the last process's tasks it still follows), and nothing else.
     */
    synchronized void takeOver(Map<Long, List<String>> kept) throws IOException {
        if (closed) {
            return;
        }
        adopted = true;
        found.clear();
        kept.forEach((sid, fields) -> found.put(sid, startLine(sid, String.join(" ", fields))));
        rewrite();
    }

    private void append(String line) throws IOException {
        FileChannel c = open();
        write(c, line);
        size += line.length();
        if (size > COMPACT_AFTER) {
            rewrite();
        }
    }

    private FileChannel open() throws IOException {
        if (channel == null) {
            PrivateFiles.folder(file.getParent());
            if (!adopted && Files.exists(file)) {
                // what an earlier process recorded stays until this one collects it
                read(file.getParent()).forEach((sid, fields) -> {
                    if (!live.containsKey(sid)) {
                        found.put(sid, startLine(sid, String.join(" ", fields)));
                    }
                });
            }
            adopted = true;
            channel = PrivateFiles.open(file, java.util.EnumSet.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
            size = channel.size();
        }
        return channel;
    }

    /** Writes the file anew with what runs (a new file moved over the old one, so a crash leaves one or the other). */
    private void rewrite() throws IOException {
        PrivateFiles.folder(file.getParent());
        Path tmp = file.resolveSibling(NAME + ".tmp");
        StringBuilder all = new StringBuilder();
        found.values().forEach(all::append);
        live.values().forEach(all::append);
        PrivateFiles.write(tmp, all);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        letGo();
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        size = channel.size();
    }

    /** The line that says task session {@code sid} runs, as {@link #read} reads it back. */
    private static String startLine(long sid, String fields) {
        return "+ " + sid + " " + fields + "\n";
    }

    private static void write(FileChannel c, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    /** Its host closed: the file is let go (a host in a long-lived JVM, a disk to unmount) and not written again. */
    synchronized void close() {
        closed = true;
        letGo();
    }

    private void letGo() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do
            }
            channel = null;
        }
    }
}
