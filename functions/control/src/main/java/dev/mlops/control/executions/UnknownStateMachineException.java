package dev.mlops.control.executions;

/** No state machine of that logical name is configured (or deployed) here. */
public class UnknownStateMachineException extends ExecutionsException {

    public UnknownStateMachineException(String message) {
        super(message);
    }
}
