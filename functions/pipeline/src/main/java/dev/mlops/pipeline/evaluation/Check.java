package dev.mlops.pipeline.evaluation;

/**
 * One gate check, kept in the evidence whether it passed or not so that the approver sees every number.
 *
 * @param name   what was compared ({@code holdout AUC >= minAuc})
 * @param value  the measured value
 * @param limit  the threshold from the policy
 * @param passed whether the value is on the right side of the limit
 */
public record Check(String name, double value, double limit, boolean passed) {

    /** A check that passes when {@code value >= limit}. */
    public static Check atLeast(String name, double value, double limit) {
        return new Check(name, value, limit, value >= limit);
    }

    /** A check that passes when {@code value <= limit}. */
    public static Check atMost(String name, double value, double limit) {
        return new Check(name, value, limit, value <= limit);
    }

    /** The reason this check gives when it fails. */
    public String reason() {
        return String.format(java.util.Locale.ROOT, "%s: %.4f against limit %.4f", name, value, limit);
    }
}
