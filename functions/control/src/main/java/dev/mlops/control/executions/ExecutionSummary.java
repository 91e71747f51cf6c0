package dev.mlops.control.executions;

import java.time.Instant;

/**
 * One execution in a listing.
 *
 * @param stateMachine the logical state machine name
 * @param stoppedAt    null while running
 */
public record ExecutionSummary(String executionArn, String stateMachine, String name, ExecutionStatus status,
                               Instant startedAt, Instant stoppedAt) {

    public ExecutionSummary {
        if (executionArn == null || executionArn.isBlank() || status == null || startedAt == null) {
            throw new IllegalArgumentException("an execution summary needs an ARN, a status and a start time");
        }
    }
}
