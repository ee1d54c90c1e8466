package io.floe.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time that moves only when a test moves it (as db-scheduler's {@code SettableClock} or Zeebe's {@code increaseTime}):
 * a {@link Clock}, and schedulers ({@link #scheduler()}) whose jobs run when {@link #advance} passes their time. Give
 * both to {@code Floe.builder(..).clock(c).scheduler(c.scheduler())} and timers, cron triggers, the timer task, task
 * timeouts and back-offs happen at once, in time order, on the thread that advances, with no real wait.
 *
 * <p>A job becomes due at its time, not before; a job due now (delay 0) runs at the next advance, also
 * {@code advance(Duration.ZERO)}. Jobs a running job schedules within the advanced span run in the same advance.
 * Tests await {@link #waiting()} before they advance, so a job is not scheduled only after the clock passed it.
 */
public final class TestClock extends Clock {
    /** A fixed, ordinary moment to start from, so tests do not depend on today's date. */
    public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final Object lock = new Object();
    private final PriorityQueue<Job<?>> jobs = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    public TestClock() {
        this(START);
    }

    public TestClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return self.withZone(z);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    /** Moves time forward by {@code step}, running every job that falls due on the way, each at its own time. */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a test clock moves forward only, not by " + step);
        }
        Instant target = instant().plus(step);
        while (true) {
            Job<?> job;
            synchronized (lock) {
                job = jobs.peek();
                if (job == null || job.due.isAfter(target)) {
                    now = target;
                    return;
                }
                jobs.poll();
                if (job.due.isAfter(now)) {
                    now = job.due;
                }
            }
            job.fire();
        }
    }

    /** How many jobs wait for a time to come (cancelled ones not counted). */
    public int waiting() {
        synchronized (lock) {
            return (int) jobs.stream().filter(j -> !j.isCancelled()).count();
        }
    }

    /** A new scheduler on this clock's time; shutting it down drops its jobs, not the clock's others. */
    public ScheduledExecutorService scheduler() {
        return new Scheduler();
    }

    private <V> Job<V> enqueue(Scheduler owner, Callable<V> task, long delayNanos, long periodNanos) {
        synchronized (lock) {
            if (owner.shut) {
                throw new java.util.concurrent.RejectedExecutionException("the test scheduler is shut down");
            }
            Job<V> job = new Job<>(owner, task, now.plusNanos(Math.max(0, delayNanos)), periodNanos, sequence++);
            jobs.add(job);
            return job;
        }
    }

    /** A job at a time; periodic ones put themselves back after each run. */
    private final class Job<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final Scheduler owner;
        private final long period;
        private final long order;
        private Instant due;

        Job(Scheduler owner, Callable<V> task, Instant due, long period, long order) {
            super(task);
            this.owner = owner;
            this.due = due;
            this.period = period;
            this.order = order;
        }

        void fire() {
            if (period == 0) {
                run();
                return;
            }
            if (runAndReset()) {
                synchronized (lock) {
                    if (!owner.shut && !isCancelled()) {
                        // fixed rate and fixed delay are one here: a job takes no test time to run
                        due = due.plusNanos(period);
                        jobs.add(this);
                    }
                }
            }
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            boolean done = super.cancel(mayInterrupt);
            synchronized (lock) {
                jobs.remove(this);
            }
            return done;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(instant(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            Job<?> o = (Job<?>) other;
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /** Schedules on the clock's time; {@code execute} is a job due now. */
    private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
        private volatile boolean shut;

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return enqueue(this, Executors.callable(command), unit.toNanos(delay), 0);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return enqueue(this, callable, unit.toNanos(delay), 0);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                TimeUnit unit) {
            return enqueue(this, Executors.callable(command), unit.toNanos(initialDelay), positive(period, unit));
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                TimeUnit unit) {
            return enqueue(this, Executors.callable(command), unit.toNanos(initialDelay), positive(delay, unit));
        }

        private long positive(long period, TimeUnit unit) {
            if (period <= 0) {
                throw new IllegalArgumentException("a period must be positive, not " + period + " " + unit);
            }
            return unit.toNanos(period);
        }

        @Override
        public void execute(Runnable command) {
            schedule(command, 0, TimeUnit.NANOSECONDS);
        }

        @Override
        public void shutdown() {
            shut = true;
            synchronized (lock) {
                jobs.removeIf(j -> j.owner == this && j.period != 0);
            }
        }

        @Override
        public List<Runnable> shutdownNow() {
            shut = true;
            List<Runnable> dropped = new ArrayList<>();
            synchronized (lock) {
                jobs.removeIf(j -> j.owner == this && dropped.add(j));
            }
            return dropped;
        }

        @Override
        public boolean isShutdown() {
            return shut;
        }

        @Override
        public boolean isTerminated() {
            return shut;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shut;
        }
    }
}
