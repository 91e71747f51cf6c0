package dev.mlops.workflows.asl.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * A clock that jumps: a Wait of hours, or a retry interval, moves it forward at once. Parked tasks (waiting for a
 * task token) time out only when someone moves the clock past their deadline with {@link #advance(Duration)}, so
 * tests decide whether a callback comes in time.
 */
public final class VirtualClock implements ExecutionClock {

    private final Object lock = new Object();
    private Instant now;

    /** @param start the first instant */
    public VirtualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public void sleepUntil(Instant instant) {
        synchronized (lock) {
            if (instant.isAfter(now)) {
                now = instant;
                lock.notifyAll();
            }
        }
    }

    /** Moves the clock forward, waking parked tasks whose deadline has passed. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock cannot go back, got " + duration);
        }
        synchronized (lock) {
            now = now.plus(duration);
            lock.notifyAll();
        }
    }

    @Override
    public boolean await(Future<?> done, Instant deadline) {
        if (done instanceof CompletableFuture<?> f) {
            f.whenComplete((v, e) -> {
                synchronized (lock) {
                    lock.notifyAll();
                }
            });
        }
        synchronized (lock) {
            while (!done.isDone() && (deadline == null || now.isBefore(deadline))) {
                try {
                    lock.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while a task was parked", e);
                }
            }
            return done.isDone();
        }
    }
}
