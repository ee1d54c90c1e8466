package io.floe.bench;

import java.util.List;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.posix.SpawnFileAction;

/** Starting {@code /bin/true} with C's {@code posix_spawnp} through jnr-posix, output read from a pipe as exec does. */
public final class NativeSpawn {
    private static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    private static final List<String> ENV = List.of("PATH=/usr/bin:/bin");

    private NativeSpawn() {}

    /** posix_spawnp of {@code argv}, stdout and stderr to a pipe read to its end, then waitpid. */
    public static int run(List<String> argv) {
        int[] pipe = new int[2];
        if (POSIX.pipe(pipe) != 0) {
            throw new IllegalStateException("pipe failed: errno " + POSIX.errno());
        }
        long pid = POSIX.posix_spawnp(argv.get(0), List.of(SpawnFileAction.dup(pipe[1], 1),
                SpawnFileAction.dup(pipe[1], 2), SpawnFileAction.close(pipe[0]), SpawnFileAction.close(pipe[1])),
                argv, ENV);
        POSIX.close(pipe[1]);
        if (pid <= 0) {
            POSIX.close(pipe[0]);
            throw new IllegalStateException("posix_spawnp " + argv + " failed: errno " + POSIX.errno());
        }
        byte[] buf = new byte[8192];
        while (POSIX.read(pipe[0], buf, buf.length) > 0) {
            // the output of /bin/true: nothing
        }
        POSIX.close(pipe[0]);
        int[] status = new int[1];
        POSIX.waitpid(pid, status, 0);
        return status[0];
    }
}
