package dev.mlops.workflows.asl.eval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The wall clock: waits and retry intervals really sleep. */
public final class RealClock implements ExecutionClock {

    private final Clock clock;

    /** @param clock the source of time, usually {@link Clock#systemUTC()} */
    public RealClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void sleepUntil(Instant instant) {
        long millis = Duration.between(now(), instant).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting", e);
            }
        }
    }

    @Override
    public boolean await(Future<?> done, Instant deadline) {
        try {
            if (deadline == null) {
                done.get();
            } else {
                done.get(Math.max(0, Duration.between(now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a task was parked", e);
        }
    }
}
