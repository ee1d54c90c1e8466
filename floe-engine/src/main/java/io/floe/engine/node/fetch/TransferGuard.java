package io.floe.engine.node.fetch;

import java.io.Closeable;
import java.io.IOException;

/**
 * Stops one download from another thread (a cancelled run, a read that stalled): closes the response body and
 * interrupts the downloading thread, which is what makes each blocking step of {@link java.net.http.HttpClient} and
 * of file channels give up at once. Once the download has ended it interrupts nothing, so a pool thread that has
 * moved on to other work is never hit.
 */
final class TransferGuard {
    private Thread worker;
    private Closeable body;
    private String reason;

    /** Guards the download running on the calling thread. */
    TransferGuard() {
        this.worker = Thread.currentThread();
    }

    /** The response body to close on abort, or null when there is none (between requests). */
    synchronized void watch(Closeable current) {
        body = current;
        if (reason != null) {
            closeQuietly(current);
        }
    }

    /** Stops the download, if it is still going; only the first reason is kept. */
    synchronized void abort(String why) {
        if (worker == null || reason != null) {
            return;
        }
        reason = why;
        closeQuietly(body);
        worker.interrupt();
    }

    /** Why the download was stopped, or null. */
    synchronized String reason() {
        return reason;
    }

    /** Called by the downloading thread when it is done; clears the interrupt this guard caused, if any. */
    void end() {
        boolean aborted;
        synchronized (this) {
            worker = null;
            body = null;
            aborted = reason != null;
        }
        if (aborted) {
            Thread.interrupted();
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            // the interrupt stops the transfer as well
        }
    }
}
