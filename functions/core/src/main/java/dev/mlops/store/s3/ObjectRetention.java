package dev.mlops.store.s3;

import dev.mlops.store.ArtifactKeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * S3 Object Lock retention that {@link S3ArtifactStore} puts on the objects it creates under one prefix: mode
 * GOVERNANCE (a principal with {@code s3:BypassGovernanceRetention} can still remove a record, nobody else can
 * change or delete it) until the write time plus {@code period}. In AWS the audit records ({@code audit/}) get it;
 * the bucket must have Object Lock enabled, and the writer needs {@code s3:PutObjectRetention}.
 *
 * @param prefix the store-key prefix whose new objects are retained, e.g. {@code audit/}
 * @param period how long each object is retained from its write
 * @param clock  the clock of the write time
 */
public record ObjectRetention(String prefix, Duration period, Clock clock) {

    /** The environment variable with the audit records' retention in days (set by the CDK stack). */
    public static final String AUDIT_DAYS_VARIABLE = "MLOPS_AUDIT_RETENTION_DAYS";
    /** The prefix of the audit records. */
    public static final String AUDIT_PREFIX = "audit/";

    /** Checks the prefix and that the period is positive. */
    public ObjectRetention {
        ArtifactKeys.validatePrefix(prefix);
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("an Object Lock retention prefix must not be empty: it would lock"
                    + " registry documents that change by compare-and-swap");
        }
        if (period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("Object Lock retention period must be positive, got " + period);
        }
        if (clock == null) {
            throw new IllegalArgumentException("Object Lock retention needs a clock");
        }
    }

    /**
     * The audit records' retention from {@link #AUDIT_DAYS_VARIABLE} in {@code env}; empty when the variable is unset
     * or blank (locally, and wherever the bucket has no Object Lock).
     *
     * @throws IllegalArgumentException when the value is not a positive whole number of days
     */
    public static Optional<ObjectRetention> auditFrom(UnaryOperator<String> env, Clock clock) {
        String value = env.apply(AUDIT_DAYS_VARIABLE);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        long days;
        try {
            days = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(AUDIT_DAYS_VARIABLE + " must be a whole number of days, got '" + value + "'", e);
        }
        if (days <= 0) {
            throw new IllegalArgumentException(AUDIT_DAYS_VARIABLE + " must be at least 1 day, got " + days);
        }
        return Optional.of(new ObjectRetention(AUDIT_PREFIX, Duration.ofDays(days), clock));
    }

    /** Whether a new object at store key {@code key} gets this retention. */
    public boolean appliesTo(String key) {
        return key.startsWith(prefix);
    }

    /** The retain-until date of an object written now. */
    public Instant retainUntil() {
        return clock.instant().plus(period);
    }
}
