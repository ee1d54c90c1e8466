package io.floe.engine.node;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message between a host and its {@link GuardProcess}: a type byte, then the fields, lengths as ints and text as
 * UTF-8. Host to guard: {@link Start}, {@link Beat}, {@link Kill}, {@link Detach}, {@link Credit}; guard to host:
 * {@link Started}, {@link Failed}, {@link Output}, {@link Ended}. Values (argv, environment) are data end to end: no shell ever sees them.
 */
sealed interface GuardFrame {
    int MAX_STRING = 64 << 20;

    void write(DataOutputStream out) throws IOException;

    /**
     * Start a task: {@code file} is the program to run (looked up by the host), {@code argv} its arguments from argv[0]
     * on, {@code dir} its folder (empty: the guard's), {@code spool} the ledger's base name for its files when it can
     * be detached on a planned restart (empty: it can not).
     */
    record Start(int id, String file, List<String> argv, String dir, Map<String, String> env, String spool)
            implements GuardFrame {
        @Override
        public void write(DataOutputStream out) throws IOException {
            out.writeByte('S');
            out.writeInt(id);
            string(out, file);
            out.writeInt(argv.size());
            for (String a : argv) {
                string(out, a);
            }
            string(out, dir);
            out.writeInt(env.size());
            for (Map.Entry<String, String> e : env.entrySet()) {
                string(out, e.getKey());
                string(out, e.getValue());
            }
            string(out, spool);
        }
    }

    /**
     * A planned restart leaves the task running: from now on its output goes to its spool file (from its first byte)
     * and its exit status to the ledger, and the guard keeps it for at most the grace once the host is gone.
     */
    record Detach(int id) implements GuardFrame {
        @Override
        public void write(DataOutputStream out) throws IOException {
            out.writeByte('D');
            out.writeInt(id);
        }
    }

    /** The host is alive and vouches for its tasks. */
    record Beat() implements GuardFrame {
        @Override
        public void write(DataOutputStream out) throws IOException {
            out.writeByte('B');
        }
    }

    /** Stop a task's tree: SIGTERM, SIGKILL after {@code graceMillis}. */
    record Kill(int id, long graceMillis) implements GuardFrame {
        @Override
        public void write(DataOutputStream out) throws IOException {
            out.writeByte('K');
            out.writeInt(id);
            out.writeLong(graceMillis);
        }
    }

    /**
     * The host has taken {@code bytes} more of the task's output: the guard may send that much more. A task's output
     * is sent at most {@link #WINDOW} bytes ahead of what its host took, so a task that writes faster than its log is
     * kept waits on its pipe instead of filling the host's memory.
     */
    record Credit(int id, int bytes) implements GuardFrame {
        /** How far a task's output may run ahead of its host's reader. */
        static final int WINDOW = 256 << 10;

        @Override
        public void write(DataOutputStream out) throws IOException {
            out.writeByte('c');
            out.writeInt(id);
            out.writeInt(bytes);
        }
    }

    /** The task runs: its pid (also its session's id) and that process's start time (clock ticks since boot). */
    record Started(int id, long pid, long startTime) implements GuardFrame {
        @Override
        public void write(DataOutputStream out) throws IOException {
            out.writeByte('s');
            out.writeInt(id);
            out.writeLong(pid);
            out.writeLong(startTime);
        }
    }

    /** The task could not be started; {@code message} is the JDK's wording ("Cannot run program …"). */
    record Failed(int id, String message) implements GuardFrame {
        @Override
        public void write(DataOutputStream out) throws IOException {
            out.writeByte('f');
            out.writeInt(id);
            string(out, message);
        }
    }

    /** Output of the task (stdout and stderr merged); no bytes: the end of its output. */
    record Output(int id, byte[] bytes, int length) implements GuardFrame {
        @Override
        public void write(DataOutputStream out) throws IOException {
            out.writeByte('o');
            out.writeInt(id);
            out.writeInt(length);
            out.write(bytes, 0, length);
        }
    }

    /** The task ended and was collected, with this status (as {@link io.floe.engine.spi.LaunchedProcess#waitFor}). */
    record Ended(int id, int status) implements GuardFrame {
        @Override
        public void write(DataOutputStream out) throws IOException {
            out.writeByte('e');
            out.writeInt(id);
            out.writeInt(status);
        }
    }

    /** The next frame; {@link EOFException} at the end of the stream between frames. */
    static GuardFrame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("end of the guard's pipe");
        }
        switch (type) {
            case 'S': {
                int id = in.readInt();
                String file = string(in);
                int n = count(in);
                List<String> argv = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    argv.add(string(in));
                }
                String dir = string(in);
                int m = count(in);
                Map<String, String> env = new LinkedHashMap<>();
                for (int i = 0; i < m; i++) {
                    env.put(string(in), string(in));
                }
                return new Start(id, file, argv, dir, env, string(in));
            }
            case 'B':
                return new Beat();
            case 'K':
                return new Kill(in.readInt(), in.readLong());
            case 'D':
                return new Detach(in.readInt());
            case 'c':
                return new Credit(in.readInt(), in.readInt());
            case 's':
                return new Started(in.readInt(), in.readLong(), in.readLong());
            case 'f':
                return new Failed(in.readInt(), string(in));
            case 'o': {
                int id = in.readInt();
                int n = count(in);
                byte[] b = new byte[n];
                in.readFully(b);
                return new Output(id, b, n);
            }
            case 'e':
                return new Ended(in.readInt(), in.readInt());
            default:
                throw new IOException("unknown frame type " + type + " on the guard's pipe (a host and guard of"
                        + " different floe versions?)");
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] b = new byte[count(in)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("a corrupt frame on the guard's pipe: length " + n);
        }
        return n;
    }
}
