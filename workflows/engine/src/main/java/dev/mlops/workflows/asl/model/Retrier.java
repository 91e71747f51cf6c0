package dev.mlops.workflows.asl.model;

import java.util.List;

/**
 * One Retry entry (States Language, "Retrying after an error").
 *
 * @param errorEquals     the error names it matches
 * @param intervalSeconds seconds before the first retry (default 1)
 * @param maxAttempts     retries at most (default 3; 0 never retries)
 * @param backoffRate     multiplier of the interval per attempt (default 2.0)
 * @param maxDelaySeconds cap on any one interval, or null
 * @param jitter          FULL randomises each interval in [0, interval]; NONE keeps it
 * @param location        a JSON Pointer to this entry
 */
public record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                      Integer maxDelaySeconds, JitterStrategy jitter, String location) {

    public Retrier {
        errorEquals = List.copyOf(errorEquals);
    }

    /** The JitterStrategy field's values. */
    public enum JitterStrategy {
        /** Intervals as computed. */
        NONE,
        /** Each interval is a random duration between 0 and the computed one. */
        FULL
    }
}
