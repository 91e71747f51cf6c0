package dev.mlops.infra.config;

import dev.mlops.infra.InfraException;
import software.constructs.Construct;

import java.util.Locale;

/**
 * Which platform the app is synthesised for: the context parameter {@code edition}.
 * <ul>
 *   <li>{@code aws} (default; {@code pro} is a synonym, for LocalStack Pro): everything.</li>
 *   <li>{@code community}: for LocalStack's community edition, which has no Batch, ECR, Cognito or API Gateway
 *       HTTP APIs. Leaves out the {@code MlopsImages} stack (ECR), the Training construct (Batch queues, compute
 *       environments, job definitions, VPC), the Cognito user pool, the HTTP API with its stage and access logs,
 *       and the API 5xx alarm. The functions, bucket, key, state machines, topic, capture delivery, schedules and
 *       the other alarms stay; the training pipeline's Train state then names a job queue that does not exist
 *       (it fails there), and the inference and control functions are invoked directly (see localstack/).</li>
 * </ul>
 * Read from the construct tree's context, so constructs can ask {@link #of(Construct)} without a new parameter.
 */
public enum Edition {
    /** AWS, or LocalStack Pro. */
    AWS,
    /** LocalStack community edition. */
    COMMUNITY;

    /** The context parameter. */
    public static final String CONTEXT = "edition";

    /**
     * Parses the context value; null or blank is {@link #AWS}.
     *
     * @throws InfraException for anything but aws, pro or community
     */
    public static Edition parse(Object value) {
        String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "", "aws", "pro" -> AWS;
            case "community" -> COMMUNITY;
            default -> throw new InfraException("invalid context parameters:\n  " + CONTEXT
                    + ": expected aws, pro or community, got '" + value + "'");
        };
    }

    /** The edition of the app {@code scope} belongs to. */
    public static Edition of(Construct scope) {
        return parse(scope.getNode().tryGetContext(CONTEXT));
    }

    /** Whether AWS Batch (training queues, job definitions) and ECR (the trainer image) are available. */
    public boolean hasBatch() {
        return this == AWS;
    }

    /** Whether API Gateway HTTP APIs and Cognito user pools are available. */
    public boolean hasHttpApi() {
        return this == AWS;
    }
}
