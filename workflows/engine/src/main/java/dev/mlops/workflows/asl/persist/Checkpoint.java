package dev.mlops.workflows.asl.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a running execution stands: the top-level state it entered last, with that state's input, and the task
 * token it is parked on, if any. A resumed execution re-enters this state (without a second StateEntered event);
 * a parked task waits for the same token again.
 *
 * @param stateName      the top-level state
 * @param input          the state's input (before InputPath)
 * @param enteredEventId the id of its StateEntered event
 * @param enteredTime    when it was entered: Waits resume by their absolute due time computed from it
 * @param retryCount     $$.State.RetryCount when the checkpoint was written
 * @param parked         the parked task, or null
 * @param variables      the top-level workflow variables as the state found them (an object, empty when none)
 */
public record Checkpoint(String stateName, JsonNode input, long enteredEventId, Instant enteredTime, int retryCount,
                         Parked parked, JsonNode variables) {

    public Checkpoint {
        Objects.requireNonNull(stateName, "stateName");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(enteredTime, "enteredTime");
        variables = variables == null ? JsonNodeFactory.instance.objectNode() : variables;
    }

    /** A checkpoint of an execution without variables. */
    public Checkpoint(String stateName, JsonNode input, long enteredEventId, Instant enteredTime, int retryCount,
                      Parked parked) {
        this(stateName, input, enteredEventId, enteredTime, retryCount, parked, null);
    }

    /** This checkpoint, parked on a task token. */
    public Checkpoint withParked(Parked parked) {
        return new Checkpoint(stateName, input, enteredEventId, enteredTime, retryCount, parked, variables);
    }

    /**
     * A Task state waiting for its token.
     *
     * @param token            the task token
     * @param resource         the Task's resource ARN
     * @param parkedAt         when it parked (the first heartbeat deadline counts from it)
     * @param timeoutAt        TimeoutSeconds' deadline, or null
     * @param heartbeatSeconds HeartbeatSeconds, or null
     */
    public record Parked(String token, String resource, Instant parkedAt, Instant timeoutAt, Integer heartbeatSeconds) {
        public Parked {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(parkedAt, "parkedAt");
        }
    }
}
