package io.floe.standalone.ws;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One websocket client of the event stream: a bounded queue of frames and one asynchronous write at a time, so a
 * client that reads slowly (or not at all) delays nothing but itself. When it falls more than its limit behind, or a
 * write fails, it is dropped: closed with a code and a reason, and cut off shortly after if it does not answer.
 */
final class SocketClient {
    private static final Logger log = LoggerFactory.getLogger(SocketClient.class);
    /** Close code for "try again later": the client may reconnect with {@code ?after=} and catch up. */
    static final int TRY_AGAIN_LATER = 1013;
    /** How long a dropped client gets to answer the close before its connection is cut. */
    private static final long CLOSE_GRACE_MILLIS = 2_000;

    private final Session session;
    private final String name;
    private final SocketLimits limits;
    private final BiConsumer<SocketClient, String> onDrop;
    private final Object lock = new Object();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private long queuedChars;
    /** Frames of the replay sent on connect may exceed the live limit by their own number. */
    private int replayAllowance;
    private boolean sending;
    private boolean closed;

    SocketClient(Session session, String name, SocketLimits limits, BiConsumer<SocketClient, String> onDrop) {
        this.session = session;
        this.name = name;
        this.limits = limits;
        this.onDrop = onDrop;
    }

    String name() {
        return name;
    }

    /** Queues the replay a reconnecting client asked for, ahead of live frames. */
    void replay(List<String> frames) {
        synchronized (lock) {
            replayAllowance = frames.size();
            for (String f : frames) {
                queue.addLast(f);
                queuedChars += f.length();
            }
        }
    }

    /**
     * Queues a live frame. False when the client has fallen too far behind; the caller then {@link #drop}s it (outside
     * its own locks).
     */
    boolean offer(String frame) {
        synchronized (lock) {
            if (closed) {
                return true;
            }
            if (queue.size() >= limits.clientFrames() + replayAllowance
                    || queuedChars + frame.length() > limits.clientChars() && !queue.isEmpty()) {
                return false;
            }
            queue.addLast(frame);
            queuedChars += frame.length();
            return true;
        }
    }

    /** Starts writing queued frames unless a write is already under way; each completed write starts the next. */
    void pump() {
        while (true) {
            String frame;
            Write w;
            synchronized (lock) {
                if (sending || closed) {
                    return;
                }
                frame = queue.pollFirst();
                if (frame == null) {
                    return;
                }
                queuedChars -= frame.length();
                if (replayAllowance > 0) {
                    replayAllowance--;
                }
                sending = true;
                w = new Write();
            }
            try {
                session.getRemote().sendString(frame, w);
            } catch (RuntimeException e) {
                w.writeFailed(e);
            }
            synchronized (lock) {
                if (!w.completed) {
                    // the write is pending: its callback continues the pump, so this thread never waits on a client
                    w.detached = true;
                    return;
                }
                sending = false;
                if (w.failure != null) {
                    break;
                }
            }
        }
        dropAfterWriteFailure();
    }

    /**
     * Drops the client: no more frames, a close frame with {@code code} and {@code reason}, and the connection cut
     * after a short grace if the client does not complete the close (it may not be reading at all).
     */
    void drop(int code, String reason) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            queuedChars = 0;
        }
        onDrop.accept(this, reason);
        try {
            session.close(code, reason);
        } catch (RuntimeException e) {
            log.debug("closing websocket client {} failed", name, e);
        }
        CompletableFuture.delayedExecutor(CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS).execute(() -> {
            if (session.isOpen()) {
                session.disconnect();
            }
        });
    }

    /** The client went away by itself: forget its frames. */
    void closed() {
        synchronized (lock) {
            closed = true;
            queue.clear();
            queuedChars = 0;
        }
    }

    private void dropAfterWriteFailure() {
        drop(StatusCode.SERVER_ERROR, "could not write to this client");
    }

    /** The outcome of one frame's write; it resumes the pump when it completes after {@link #pump} has returned. */
    private final class Write implements WriteCallback {
        private boolean completed;
        private boolean detached;
        private Throwable failure;

        @Override
        public void writeSuccess() {
            finish(null);
        }

        @Override
        public void writeFailed(Throwable x) {
            finish(x == null ? new IllegalStateException("write failed") : x);
        }

        private void finish(Throwable x) {
            boolean resume;
            synchronized (lock) {
                completed = true;
                failure = x;
                resume = detached;
                if (resume) {
                    sending = false;
                }
            }
            if (x != null) {
                log.debug("websocket write to {} failed: {}", name, x.toString());
            }
            if (resume) {
                if (x != null) {
                    dropAfterWriteFailure();
                } else {
                    pump();
                }
            }
        }
    }
}
