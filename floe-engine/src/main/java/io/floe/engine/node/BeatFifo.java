package io.floe.engine.node;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One end of a kept task's heartbeat FIFO ({@code <token>.beat}, see {@link KeptTask}). Opened read-write, so opening
 * never waits for the other side; never created by opening: once the host forgot the task the FIFO is gone, and a
 * plain file made in its place would be left in the ledger and swallow the beats.
 */
final class BeatFifo implements Closeable {
    private final FileChannel channel;

    private BeatFifo(FileChannel channel) {
        this.channel = channel;
    }

    /** Opens the FIFO at {@code fifo}; {@link java.nio.file.NoSuchFileException} when it is not (or no longer) there. */
    static BeatFifo open(Path fifo) throws IOException {
        return new BeatFifo(FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    void write(int b) throws IOException {
        ByteBuffer one = ByteBuffer.wrap(new byte[] {(byte) b});
        while (one.hasRemaining()) {
            channel.write(one);
        }
    }

    /** The next byte, or -1 at the end; a close from another thread ends a blocked read with an exception. */
    int read() throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        int n;
        do {
            n = channel.read(one);
        } while (n == 0);
        return n < 0 ? -1 : one.get(0) & 0xff;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
