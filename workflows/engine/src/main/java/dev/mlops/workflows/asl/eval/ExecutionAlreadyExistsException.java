package dev.mlops.workflows.asl.eval;

import dev.mlops.workflows.asl.AslError;

/**
 * StartExecution with a name already used for the same state machine: AWS's {@code ExecutionAlreadyExists}. Names
 * stay taken for the engine's lifetime, and for the store's when executions are persisted (AWS keeps them 90 days
 * after the execution closes).
 */
public final class ExecutionAlreadyExistsException extends AslError {

    /** The API error code, as StartExecution reports it. */
    public static final String ERROR = "ExecutionAlreadyExists";

    private final String executionArn;

    /** @param executionArn the ARN that is already taken */
    public ExecutionAlreadyExistsException(String executionArn) {
        super(ERROR, "Execution Already Exists: '" + executionArn + "'");
        this.executionArn = executionArn;
    }

    /** The ARN that is already taken. */
    public String executionArn() {
        return executionArn;
    }
}
