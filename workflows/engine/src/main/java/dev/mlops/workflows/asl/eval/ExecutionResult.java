package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * How an execution ended.
 *
 * @param executionArn the execution's ARN
 * @param status       SUCCEEDED, FAILED or TIMED_OUT
 * @param output       the output when SUCCEEDED, else null
 * @param error        the error name when not SUCCEEDED (may be null: a Fail state without Error)
 * @param cause        the cause when not SUCCEEDED (may be null)
 * @param startDate    when it started
 * @param stopDate     when it ended
 * @param history      every event, in order
 */
public record ExecutionResult(String executionArn, Status status, JsonNode output, String error, String cause,
                              Instant startDate, Instant stopDate, List<HistoryEvent> history) {

    public ExecutionResult {
        history = List.copyOf(history);
    }

    /** DescribeExecution's status values for a finished execution. */
    public enum Status {
        /** Reached a Succeed state or an End. */
        SUCCEEDED,
        /** Failed with an error. */
        FAILED,
        /** Ran past the state machine's TimeoutSeconds. */
        TIMED_OUT
    }
}
