package io.floe.engine.node;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The C library functions {@link PosixSpawnLauncher} calls, bound with jnr-ffi. The {@code _np} file actions (set
 * the child's folder, close every inherited descriptor) are glibc's, since 2.29 and 2.34.
 */
public interface PosixSpawnLibc {
    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawn_file_actions_addopen(Pointer actions, int fd, @In CharSequence path, int flags, int mode);

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

    int posix_spawn_file_actions_addchdir_np(Pointer actions, @In CharSequence path);

    int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer signals);

    int sigemptyset(Pointer signals);

    /** Returns 0 or an error number (not errno). */
    /** argv and envp: NULL-terminated arrays the caller keeps allocated across the call ({@link NativeStrings}). */
    int posix_spawnp(@Out int[] pid, @In CharSequence file, Pointer actions, Pointer attributes, Pointer argv,
            Pointer envp);

    @SaveError
    int pipe2(@Out int[] fds, int flags);

    @SaveError
    long read(int fd, @Out byte[] buffer, long count);

    @SaveError
    long write(int fd, @In byte[] buffer, long count);

    @SaveError
    int close(int fd);

    /** Here only as ioctl(fd, FIONREAD, &count): how many bytes a pipe holds. */
    int ioctl(int fd, long request, @Out int[] count);

    @SaveError
    int waitpid(int pid, @Out int[] status, int options);

    /** With {@code WNOWAIT}: waits for the end without collecting the process. */
    @SaveError
    int waitid(int idType, int id, Pointer info, int options);

    String strerror(int errno);
}
