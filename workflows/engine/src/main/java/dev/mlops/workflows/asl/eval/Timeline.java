package dev.mlops.workflows.asl.eval;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One branch's view of the execution's clock. On a {@link VirtualClock}, Parallel branches and Map iterations run
 * one after another, yet in AWS they run side by side: each gets its own cursor, forked from its parent's, and the
 * parent continues from the latest of them, so sibling Waits overlap instead of adding up. The shared clock is
 * still moved to the furthest instant any branch reached (parked tasks time out against it). On any other clock a
 * timeline is the clock itself.
 */
final class Timeline implements ExecutionClock {

    private final ExecutionClock base;
    private final boolean isVirtual;
    private Instant cursor;

    private Timeline(ExecutionClock base, Instant cursor) {
        this.base = base;
        this.isVirtual = base instanceof VirtualClock;
        this.cursor = cursor;
    }

    /** The execution's own timeline, starting now. */
    static Timeline of(ExecutionClock base) {
        return new Timeline(base, base.now());
    }

    /** A branch starting at this timeline's present. */
    Timeline fork() {
        return new Timeline(base, now());
    }

    /** Continues from the latest instant any of {@code branches} reached. */
    void join(List<Timeline> branches) {
        if (isVirtual) {
            for (Timeline b : branches) {
                advanceTo(b.cursor);
            }
        }
    }

    @Override
    public Instant now() {
        return isVirtual ? cursor : base.now();
    }

    @Override
    public void sleepUntil(Instant instant) {
        if (isVirtual) {
            advanceTo(instant);
        }
        base.sleepUntil(instant);
    }

    @Override
    public boolean await(Future<?> done, Instant deadline) {
        boolean isDone = base.await(done, deadline);
        if (isVirtual) {
            // The callback came, or the deadline passed, when the shared clock said so.
            advanceTo(base.now());
        }
        return isDone;
    }

    private void advanceTo(Instant instant) {
        if (instant.isAfter(cursor)) {
            cursor = instant;
        }
    }
}
