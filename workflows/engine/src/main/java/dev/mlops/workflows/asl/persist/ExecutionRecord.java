package dev.mlops.workflows.asl.persist;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store keeps about one execution, DescribeExecution's fields.
 *
 * @param executionArn     the execution's ARN
 * @param stateMachineName the name its machine was registered or run under
 * @param name             the execution's name
 * @param input            its input
 * @param definition       the definition's JSON text when the engine had it (a machine registered from text), so a
 *                         resumed execution runs the definition it started with; null otherwise (a resume then
 *                         uses the machine registered under {@code stateMachineName})
 * @param status           where it stands
 * @param startDate        when it started
 * @param stopDate         when it ended, or null while running
 * @param output           the output when SUCCEEDED, else null
 * @param error            the error when FAILED or TIMED_OUT (may be null)
 * @param cause            the cause when FAILED or TIMED_OUT (may be null)
 */
public record ExecutionRecord(String executionArn, String stateMachineName, String name, JsonNode input,
                              String definition, Status status, Instant startDate, Instant stopDate, JsonNode output,
                              String error, String cause) {

    public ExecutionRecord {
        Objects.requireNonNull(executionArn, "executionArn");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startDate, "startDate");
    }

    /** DescribeExecution's status values. */
    public enum Status {
        /** Started and not ended: a new engine on the store resumes it. */
        RUNNING,
        /** Reached a Succeed state or an End. */
        SUCCEEDED,
        /** Failed with an error. */
        FAILED,
        /** Ran past the state machine's TimeoutSeconds. */
        TIMED_OUT
    }

    /** A running execution's record. */
    public static ExecutionRecord running(String executionArn, String stateMachineName, String name, JsonNode input,
                                          String definition, Instant startDate) {
        return new ExecutionRecord(executionArn, stateMachineName, name, input, definition, Status.RUNNING, startDate,
                null, null, null, null);
    }

    /** This record, ended. */
    public ExecutionRecord withEnd(Status status, Instant stopDate, JsonNode output, String error, String cause) {
        return new ExecutionRecord(executionArn, stateMachineName, name, input, definition, status, startDate,
                stopDate, output, error, cause);
    }

    /** The ARN of its state machine. */
    public String stateMachineArn() {
        return executionArn.substring(0, executionArn.indexOf(":execution:")) + ":stateMachine:" + stateMachineName;
    }
}
