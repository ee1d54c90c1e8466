package io.floe.engine.run;

import io.floe.engine.spi.RunStore;
import io.floe.engine.spi.StoreBatch;
import io.floe.engine.spi.StoreException;
import java.util.function.BooleanSupplier;

/**
 * A real store whose commits fail with the error SQLite gives on a full disk, writing nothing, while the disk is full:
 * after {@link #fillDisk()} until {@link #freeSpace()}, or while a switch says so (the host tests' store types use a
 * file, so a test reaches the store of a host it started only through its configuration). Reads go through.
 * {@link #committed()} counts the commits that reached the store.
 */
public final class FaultyRunStore extends ForwardingRunStore {
    private final BooleanSupplier switchedFull;
    private final String cause;
    private volatile boolean filled;
    private volatile int committed;

    public FaultyRunStore(RunStore store) {
        this(store, () -> false, "[SQLITE_FULL] database or disk is full (injected by the test)");
    }

    /** Commits also fail while {@code switchedFull} answers true, with {@code cause} in the error. */
    public FaultyRunStore(RunStore store, BooleanSupplier switchedFull, String cause) {
        super(store);
        this.switchedFull = switchedFull;
        this.cause = cause;
    }

    /** From now on every commit fails as on a full disk. */
    public void fillDisk() {
        filled = true;
    }

    /** From now on commits reach the store again (unless the switch says the disk is full). */
    public void freeSpace() {
        filled = false;
    }

    public int committed() {
        return committed;
    }

    @Override
    public Forcing write(StoreBatch batch) {
        if (filled || switchedFull.getAsBoolean()) {
            throw new StoreException("could not save " + batch.changes().size() + " changes to the run store: "
                    + cause + "; none of them was written", null);
        }
        Forcing forcing = store.write(batch);
        committed++;
        return forcing;
    }
}
