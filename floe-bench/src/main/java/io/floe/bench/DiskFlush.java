package io.floe.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How long the disk under a folder takes to make a small write durable: 1 KB written in place into a file of 64 KB,
 * then {@code fdatasync}, as a store's write-ahead log is forced (a group of pages overwritten, then forced). The
 * floor of every forced commit there, whatever the engine does.
 */
final class DiskFlush {
    private static final int FILE_BYTES = 64 * 1024;
    private static final int WRITE_BYTES = 1024;

    private DiskFlush() {}

    /** The median time of {@code count} such writes and forces in {@code dir}, in ms. */
    static double medianMillis(Path dir, int count) throws IOException {
        Path file = Files.createTempFile(dir, "flush", ".probe");
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.allocate(FILE_BYTES), 0);
            c.force(true);
            double[] ms = new double[count];
            ByteBuffer page = ByteBuffer.allocate(WRITE_BYTES);
            for (int i = 0; i < count; i++) {
                page.clear();
                page.put(0, (byte) i);
                long t0 = System.nanoTime();
                c.write(page, (long) i * WRITE_BYTES % FILE_BYTES);
                c.force(false);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            return Stats.of(ms).median();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
