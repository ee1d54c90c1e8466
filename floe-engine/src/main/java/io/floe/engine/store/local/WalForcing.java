package io.floe.engine.store.local;

import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Forces the SQLite write-ahead log of a store to the disk. The write connection commits with
 * {@code synchronous=NORMAL}: a commit appends its frames to {@code floe.db-wal} in the OS's hands. One
 * {@code fdatasync} of that file then makes every commit appended before it durable — what {@code synchronous=FULL}
 * does after each commit, done once for a group of them (SQLite itself syncs the log before each checkpoint and the
 * database file after it, and the log's header when it starts over).
 * <p>
 * The channel is opened once and kept, not opened per force: Linux reports a failed write-back to the descriptors
 * open when it happened, so a descriptor opened later would find nothing wrong with a log whose pages were lost. It is
 * opened again only when the log is another file (its file key changed).
 */
final class WalForcing implements RunStore.Forcing, AutoCloseable {
    private final Path wal;
    private FileChannel channel;
    private Object fileKey;

    WalForcing(Path dbFile) {
        this.wal = dbFile.resolveSibling(dbFile.getFileName() + "-wal");
    }

    @Override
    public synchronized void force() {
        try {
            Object key = Files.readAttributes(wal, BasicFileAttributes.class).fileKey();
            if (channel == null || key == null || !key.equals(fileKey)) {
                close();
                channel = FileChannel.open(wal, StandardOpenOption.READ);
                fileKey = key;
            }
            channel.force(false);
        } catch (NoSuchFileException e) {
            // no log: every commit is in the database file, which SQLite synced when it checkpointed the log away
        } catch (IOException e) {
            throw new StoreException("could not force the run store's log " + wal + " to the disk: " + e
                    + "; what the disk holds of the last changes is unknown (check the disk, then restart the host:"
                    + " it recovers its runs from what the disk holds)", e);
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it
            }
            channel = null;
        }
    }
}
