package dev.mlops.control.executions;

/** An execution with that name already exists for the state machine. */
public class ExecutionAlreadyExistsException extends ExecutionsException {

    public ExecutionAlreadyExistsException(String message, Throwable cause) {
        super(message, cause);
    }
}
