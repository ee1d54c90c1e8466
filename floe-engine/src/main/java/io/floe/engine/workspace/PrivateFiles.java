package io.floe.engine.workspace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one rule for what a host keeps on disk (its store, task logs, caches, workspaces): only the host's own user may
 * read it: folders {@code 0700}, files {@code 0600}. Java can not set a umask, so modes are given when a file or folder
 * is created; a private folder then also covers what other programs create inside it (SQLite's {@code -wal} and
 * {@code -shm} take the database file's mode). On a file system without POSIX permissions nothing is changed.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

    private PrivateFiles() {}

    /**
     * Makes {@code dir} and any missing parents private folders; an existing {@code dir} made by an older floe with a
     * wider mode loses its group and other bits (existing parents are left alone: they may be shared, like {@code /tmp}).
     *
     * @return {@code dir}
     */
    public static Path folder(Path dir) throws IOException {
        if (posix(dir) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            narrow(dir);
            return dir;
        }
        return folderIfMissing(dir);
    }

    /**
     * Makes {@code dir} and any missing parents private folders when it is missing; an existing one is left as it is
     * (a folder the host shares, such as {@code /tmp}, where it keeps a file of its own).
     */
    public static Path folderIfMissing(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (!posix(dir)) {
            return Files.createDirectories(dir);
        }
        try {
            return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        } catch (FileAlreadyExistsException e) { // made meanwhile by another thread, or a file is in the way
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            return dir;
        }
    }

    /** Creates {@code file} empty and private when it is missing; takes the group and other bits off an existing one. */
    public static Path file(Path file) throws IOException {
        if (!posix(file)) {
            return file;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } catch (FileAlreadyExistsException e) {
            narrow(file);
        }
        return file;
    }

    /** Takes the group and other bits off an existing file; nothing when it is missing. */
    public static void narrowIfPresent(Path file) throws IOException {
        if (posix(file) && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            narrow(file);
        }
    }

    /** Writes {@code text} (UTF-8) as the whole of {@code file}, which is created private when it is missing. */
    public static void write(Path file, CharSequence text) throws IOException {
        try (FileChannel c = open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))) {
            java.nio.ByteBuffer b = java.nio.charset.StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(text));
            while (b.hasRemaining()) {
                c.write(b);
            }
        }
    }

    /** Opens {@code file}; when the options create it, it is created private. */
    public static FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
        return FileChannel.open(file, options, fileAttributes(file));
    }

    /** The attributes that create a private file at {@code file} (none where there are no POSIX permissions). */
    public static FileAttribute<?>[] fileAttributes(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : NONE;
    }

    /** Takes away what the group and others may do, keeping the owner's own bits (a read-only file stays so). */
    private static void narrow(Path p) throws IOException {
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission bit : now) {
            if (bit.name().startsWith("OWNER_")) {
                owner.add(bit);
            }
        }
        if (!owner.equals(now)) {
            Files.setPosixFilePermissions(p, owner);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
