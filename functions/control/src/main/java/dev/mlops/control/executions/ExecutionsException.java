package dev.mlops.control.executions;

import dev.mlops.MlopsException;

/** Root of the refusals an {@link Executions} implementation reports; anything else is an engine failure. */
public class ExecutionsException extends MlopsException {

    public ExecutionsException(String message) {
        super(message);
    }

    public ExecutionsException(String message, Throwable cause) {
        super(message, cause);
    }
}
