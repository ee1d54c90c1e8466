package io.floe.standalone.ws;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.jetty.websocket.api.BatchMode;
import org.eclipse.jetty.websocket.api.RemoteEndpoint;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One websocket client of the event stream: a bounded queue of frames, written in turns on the socket's sending
 * threads, so a client that reads slowly (or not at all) delays nothing but itself, and the thread that delivers
 * events only queues them. When it falls more than its limit behind, a write to it stalls past the write timeout, or
 * a write fails, it is dropped: closed with a code and a reason, and cut off shortly after if it does not answer.
 * Written with Jetty's public websocket API only: every send is asynchronous (a callback, never a blocked thread).
 */
final class SocketClient {
    private static final Logger log = LoggerFactory.getLogger(SocketClient.class);
    /** Close code for "try again later": the client may reconnect with {@code ?after=} and catch up. */
    static final int TRY_AGAIN_LATER = 1013;
    /** How long a dropped client gets to answer the close before its connection is cut. */
    private static final long CLOSE_GRACE_MILLIS = 2_000;
    /** At most this many frames and bytes per turn, so clients with a backlog take turns on the sending threads. */
    private static final int TURN_FRAMES = 64;
    private static final long TURN_BYTES = 128 * 1024;

    private final Session session;
    private final RemoteEndpoint remote;
    private final String name;
    private final SocketLimits limits;
    private final Executor sending;
    private final BiConsumer<SocketClient, String> onDrop;
    private final Object lock = new Object();
    private final ArrayDeque<EventFrame> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** Frames of the replay sent on connect may exceed the live limit by their own number. */
    private int replayAllowance;
    /** A turn waits for a sending thread, or its frames are being written; at most one at a time keeps the order. */
    private boolean busy;
    private boolean closed;
    /** {@link System#nanoTime} when the frames being written were handed to Jetty; 0 while none are. */
    private long writingSince;

    /**
     * @param sending runs the turns; one client's turns never overlap, so frames go out in the order they were queued
     * @param onDrop told once when the client is dropped, with the reason
     */
    SocketClient(Session session, String name, SocketLimits limits, Executor sending,
            BiConsumer<SocketClient, String> onDrop) {
        this.session = session;
        this.remote = session.getRemote();
        this.name = name;
        this.limits = limits;
        this.sending = sending;
        this.onDrop = onDrop;
    }

    String name() {
        return name;
    }

    /** Queues the replay a reconnecting client asked for, ahead of live frames; {@link #start} sends it. */
    void replay(List<EventFrame> frames) {
        synchronized (lock) {
            replayAllowance = frames.size();
            for (EventFrame f : frames) {
                queue.addLast(f);
                queuedBytes += f.size();
            }
        }
    }

    /** Starts sending what is already queued (a replay). */
    void start() {
        synchronized (lock) {
            if (busy || closed || queue.isEmpty()) {
                return;
            }
            busy = true;
        }
        submitTurn();
    }

    /**
     * Queues a live frame and makes sure a turn will send it. False when the client has fallen too far behind; the
     * caller then {@link #drop}s it (outside its own locks).
     */
    boolean offer(EventFrame frame) {
        synchronized (lock) {
            if (closed) {
                return true;
            }
            if (queue.size() >= limits.clientFrames() + replayAllowance
                    || queuedBytes + frame.size() > limits.clientBytes() && !queue.isEmpty()) {
                return false;
            }
            queue.addLast(frame);
            queuedBytes += frame.size();
            if (busy) {
                return true; // the turn under way takes it next
            }
            busy = true;
        }
        submitTurn();
        return true;
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
            queuedBytes = 0;
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

    /**
     * Drops the client if frames handed to Jetty have not all been written after the write timeout: it has stopped
     * reading (its socket's buffers are full). Called now and then by the socket's watch.
     */
    void dropIfStuck(long now) {
        long since;
        synchronized (lock) {
            since = writingSince;
        }
        long timeout = limits.writeTimeout().toNanos();
        if (since != 0 && now - since > timeout) {
            drop(TRY_AGAIN_LATER, "took no frames for more than " + limits.writeTimeout().toSeconds()
                    + " s; reconnect with ?after=<last event ID>");
        }
    }

    /** Sends a ping, without waiting for it to be written; it goes out after the frames already handed to Jetty. */
    void ping() {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        try {
            remote.sendPing(ByteBuffer.allocate(0), WriteCallback.NOOP); // never batched: it goes out at once
        } catch (RuntimeException e) {
            log.debug("pinging websocket client {} failed: {}", name, e.toString());
        }
    }

    /** The client went away by itself: forget its frames. */
    void closed() {
        synchronized (lock) {
            closed = true;
            queue.clear();
            queuedBytes = 0;
        }
    }

    private void submitTurn() {
        try {
            sending.execute(this::turn);
        } catch (RejectedExecutionException e) {
            // the socket is shutting down and closes every client
            synchronized (lock) {
                busy = false;
            }
        }
    }

    /** Takes a turn's worth of queued frames and hands them to Jetty. */
    private void turn() {
        EventFrame[] frames;
        synchronized (lock) {
            int n = 0;
            long bytes = 0;
            for (EventFrame f : queue) {
                if (n == TURN_FRAMES || n > 0 && bytes + f.size() > TURN_BYTES) {
                    break;
                }
                n++;
                bytes += f.size();
            }
            if (closed || n == 0) {
                busy = false;
                return;
            }
            frames = new EventFrame[n];
            for (int i = 0; i < n; i++) {
                frames[i] = queue.pollFirst();
            }
            queuedBytes -= bytes;
            replayAllowance = Math.max(0, replayAllowance - n);
            writingSince = Math.max(1, System.nanoTime());
        }
        new Turn(frames).begin();
    }

    /** A turn's frames are written (or failed): the next turn, if frames wait, goes to the back of the line. */
    private void turnEnded(Throwable failure) {
        synchronized (lock) {
            writingSince = 0;
        }
        if (failure != null) {
            log.debug("websocket write to {} failed: {}", name, failure.toString());
            drop(StatusCode.SERVER_ERROR, "could not write to this client");
            return;
        }
        synchronized (lock) {
            if (closed || queue.isEmpty()) {
                busy = false;
                return;
            }
        }
        submitTurn();
    }

    /**
     * The frames of one turn, handed to Jetty batched but for the last: Jetty copies batched frames into one buffer,
     * and the first frame sent unbatched writes that buffer with itself, so a turn takes a few system calls instead of
     * one per frame. Every frame of a session (pings and closes too) passes one at a time through its outgoing queue,
     * so the last frame's callback comes once every frame of the turn is written; it, or any frame's failure, ends the
     * turn. The batch mode belongs to the session's endpoint, which only the turn under way sets (turns never
     * overlap); a ping is always sent unbatched whatever it says.
     */
    private final class Turn implements WriteCallback {
        private final EventFrame[] frames;
        private boolean ended;

        Turn(EventFrame[] frames) {
            this.frames = frames;
        }

        void begin() {
            WriteCallback written = new WriteCallback() {
                @Override
                public void writeFailed(Throwable x) {
                    Turn.this.writeFailed(x);
                }
            };
            for (int i = 0; i < frames.length; i++) {
                if (hasEnded()) {
                    return; // a frame failed: the client is being dropped
                }
                boolean last = i == frames.length - 1;
                try {
                    remote.setBatchMode(last ? BatchMode.OFF : BatchMode.ON);
                    remote.sendString(frames[i].text(), last ? this : written);
                } catch (RuntimeException e) {
                    writeFailed(e);
                    return;
                }
            }
        }

        @Override
        public void writeSuccess() {
            end(null);
        }

        @Override
        public void writeFailed(Throwable x) {
            end(x == null ? new IllegalStateException("write failed") : x);
        }

        private synchronized boolean hasEnded() {
            return ended;
        }

        private void end(Throwable failure) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            turnEnded(failure);
        }
    }
}
