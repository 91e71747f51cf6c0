package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Lambda function as the local runtime runs it: in process, JSON in and out. The pipeline's handlers are adapted
 * to this; tests pass lambdas.
 *
 * <p>An exception is the function's error, reported as the Java Lambda runtime reports it (error = the exception's
 * class name). An {@link dev.mlops.workflows.asl.AslError} is a service error instead (for example
 * {@code Lambda.TooManyRequestsException}) and reaches the state machine as it is: that is how tests make the
 * Lambda service fail.
 */
@FunctionalInterface
public interface LocalFunction {

    /** Handles one event. */
    JsonNode invoke(JsonNode payload);
}
