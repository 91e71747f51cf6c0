package dev.mlops.workflows.asl.eval;

import java.time.Instant;
import java.util.concurrent.Future;

/**
 * Time as executions see it. {@link VirtualClock} makes waits instant while timestamps still advance consistently;
 * {@link RealClock} follows the wall clock.
 */
public interface ExecutionClock {

    /** The current instant. */
    Instant now();

    /** Returns once {@link #now()} is at or after {@code instant} (a Wait state, a retry interval). */
    void sleepUntil(Instant instant);

    /**
     * Waits until {@code done} completes or {@link #now()} reaches {@code deadline} (a parked task).
     *
     * @param deadline when to give up; null waits for {@code done} only
     * @return whether {@code done} completed
     */
    boolean await(Future<?> done, Instant deadline);
}
