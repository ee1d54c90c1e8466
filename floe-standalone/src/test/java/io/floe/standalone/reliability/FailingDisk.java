package io.floe.standalone.reliability;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real block device, mounted as ext4, that can be switched to fail every read and write, as a dying disk does: the
 * kernel's ext4 then gets EIO for its write-back, so {@code fdatasync} fails and the journal aborts (the filesystem
 * turns read-only). Afterwards the disk is "repaired": it holds exactly what it held when it began to fail.
 * <p>
 * The device is a loop device on a sparse image file. To fail it, the filesystem is frozen (so the image holds all it
 * was told and nothing is written meanwhile), the image is copied aside (what the disk holds), truncated to nothing,
 * and the loop device told to read its size again: with a size of 0 the block layer fails every I/O with EIO ("attempt
 * to access beyond end of device"), and then the filesystem is thawed. Device-mapper's {@code error} target would do
 * the same, but the kernels of this project's build machines are built without device-mapper; a loop device is in
 * every kernel that can mount an image. To repair, the dead device is detached and the copy attached, checked with
 * {@code e2fsck} and mounted again at the same place.
 * <p>
 * Needs root, loop devices and util-linux/e2fsprogs; {@link #create} skips the test (JUnit assumption) with the
 * reason where any of that is missing. {@link #close} removes every mount and loop device it made, whatever happened.
 */
final class FailingDisk implements AutoCloseable {
    /** The filesystem on the disk, which decides where a dying disk's EIO first reaches the host. */
    enum Filesystem {
        /**
         * ext4 as mkfs.ext4 makes it, with a journal: the first change of the host's write needs the journal, whose
         * write fails, so the kernel aborts it and the host's write() itself gets EIO, then EROFS.
         */
        EXT4("has_journal"),
        /**
         * ext4 without a journal: the host's write() lands in the page cache as before, and only forcing it to the
         * disk ({@code fdatasync}) gets EIO, the fault group commit must handle.
         */
        EXT4_WITHOUT_JOURNAL("^has_journal");

        private final String journalFeature;

        Filesystem(String journalFeature) {
            this.journalFeature = journalFeature;
        }
    }

    private static final long SIZE = 64L << 20;
    private static final long COMMAND_SECONDS = 120;

    private final Path dir;
    private final Path image;
    private final Path saved;
    private final Path mount;
    private final Tools tools;
    private final Filesystem filesystem;
    /** Every loop device attached, detached again by {@link #close}. */
    private final List<String> attached = new ArrayList<>();
    private String device;

    /** The programs used, found by absolute path (a user's PATH may lack the sbin folders). */
    private record Tools(String losetup, String mkfs, String e2fsck, String mount, String umount, String fsfreeze) {}

    /** What a command printed, and its exit code. */
    private record Result(int code, String output) {}

    private FailingDisk(Path dir, Tools tools, Filesystem filesystem) {
        this.filesystem = filesystem;
        this.dir = dir;
        this.image = dir.resolve("disk.img");
        this.saved = dir.resolve("disk-as-it-failed.img");
        this.mount = dir.resolve("disk");
        this.tools = tools;
    }

    /** Makes and mounts a 64 MB disk with its image in {@code dir}; skips the test where that is not permitted. */
    static FailingDisk create(Path dir, Filesystem filesystem) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self")) && Files.getAttribute(Path.of("/proc/self"),
                "unix:uid").equals(0), "making and mounting a block device needs root");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/loop-control")), "no loop devices here (/dev/loop-control)");
        Tools tools = new Tools(tool("losetup", "mount"), tool("mkfs.ext4", "e2fsprogs"), tool("e2fsck", "e2fsprogs"),
                tool("mount", "mount"), tool("umount", "mount"), tool("fsfreeze", "util-linux"));
        FailingDisk disk = new FailingDisk(dir, tools, filesystem);
        try {
            disk.setUp();
            return disk;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            disk.close();
            throw e;
        }
    }

    private void setUp() throws IOException, InterruptedException {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(SIZE); // sparse: takes no space until written
        }
        Files.createDirectories(mount);
        device = attach(image, true);
        // 4 KB blocks as on any real disk (mkfs gives a disk this small 1 KB blocks, smaller than a page of memory)
        allowed(run(tools.mkfs(), "-q", "-b", "4096", "-O", filesystem.journalFeature, device), "mkfs.ext4");
        allowed(run(tools.mount(), device, mount.toString()), "mounting the disk");
    }

    /** Where the disk is mounted. */
    Path mount() {
        return mount;
    }

    /** From now on every I/O to the disk fails; it keeps what it held at this moment. */
    void fail() throws IOException, InterruptedException {
        // frozen, the filesystem has written all it was told and holds every new write (the host's, the kernel's own)
        // until it is thawed: the copy is exactly what the disk holds when it begins to fail
        must(run(tools.fsfreeze(), "--freeze", mount.toString()), "freezing the filesystem");
        try {
            must(run("cp", "--sparse=always", image.toString(), saved.toString()), "copying the disk's image");
            try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
                f.setLength(0);
            }
            must(run(tools.losetup(), "--set-capacity", device), "shrinking the loop device");
            String size = Files.readString(Path.of("/sys/block", Path.of(device).getFileName().toString(), "size"))
                    .trim();
            if (!size.equals("0")) {
                throw new IllegalStateException("loop device " + device + " still has " + size + " sectors after"
                        + " losetup --set-capacity: it would not fail");
            }
        } finally {
            must(run(tools.fsfreeze(), "--unfreeze", mount.toString()), "thawing the filesystem");
        }
    }

    /**
     * The disk is replaced by one that holds what the failed one held when it failed, checked and mounted at the same
     * place. Call once nothing has files open on the disk (the host is dead).
     */
    void repair() throws IOException, InterruptedException {
        must(run(tools.umount(), mount.toString()), "unmounting the failed disk");
        detach(device);
        device = attach(saved, false);
        Result fsck = run(tools.e2fsck(), "-fy", device);
        if (fsck.code() > 1) { // 1: errors corrected; 4 and above: left uncorrected or failed
            throw new IllegalStateException("e2fsck -fy " + device + " exited with " + fsck.code() + ":\n"
                    + fsck.output());
        }
        must(run(tools.mount(), device, mount.toString()), "mounting the repaired disk");
    }

    /** Unmounts (lazily: a failed test may have left a process on it) and detaches everything made here. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (isMounted()) {
            run(tools.fsfreeze(), "--unfreeze", mount.toString()); // a frozen filesystem would hold the unmount
            run(tools.umount(), "-l", mount.toString());
        }
        for (String d : List.copyOf(attached)) {
            detach(d);
        }
    }

    private boolean isMounted() throws IOException {
        String where = " " + mount.toAbsolutePath() + " ";
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().anyMatch(l -> l.contains(where));
    }

    private String attach(Path file, boolean skipIfRefused) throws IOException, InterruptedException {
        Result r = run(tools.losetup(), "--find", "--show", file.toString());
        if (skipIfRefused) {
            allowed(r, "losetup");
        } else {
            must(r, "attaching " + file.getFileName());
        }
        String d = r.output().trim();
        attached.add(d);
        return d;
    }

    private void detach(String d) throws IOException, InterruptedException {
        run(tools.losetup(), "--detach", d); // a device still in use is detached once it is not (autoclear)
        attached.remove(d);
    }

    /** A step this machine may not permit: the test is skipped, saying why. */
    private static void allowed(Result r, String step) {
        Assumptions.assumeTrue(r.code() == 0, () -> step + " is not permitted here (exit " + r.code() + "): "
                + r.output().trim());
    }

    private static void must(Result r, String step) {
        if (r.code() != 0) {
            throw new IllegalStateException(step + " failed (exit " + r.code() + "): " + r.output().trim());
        }
    }

    private static String tool(String name, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of(Optional.ofNullable(System.getenv("PATH")).orElse("")
                .split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        Optional<Path> found = dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(found.isPresent(), () -> name + " is missing (Debian package " + debianPackage + ")");
        return found.get().toString();
    }

    private Result run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "command", ".out"); // a file, so that a command that hangs cannot hold us
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not end within " + COMMAND_SECONDS
                        + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
