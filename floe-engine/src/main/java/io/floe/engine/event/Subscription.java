package io.floe.engine.event;

/** An observer's registration with the {@link EventQueue}; closing it stops delivery. */
public interface Subscription extends AutoCloseable {
    /** Events waiting for this observer. */
    int backlog();

    /** True once closed, by the caller or because the observer fell too far behind its bounded buffer. */
    boolean isClosed();

    @Override
    void close();
}
