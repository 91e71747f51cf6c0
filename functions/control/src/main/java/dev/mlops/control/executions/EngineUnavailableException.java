package dev.mlops.control.executions;

/** No workflow engine is attached to this process (a control API started without the local runtime). */
public class EngineUnavailableException extends ExecutionsException {

    public EngineUnavailableException(String message) {
        super(message);
    }
}
