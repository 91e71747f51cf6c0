package dev.mlops.infra;

/**
 * The one root of this module's errors: a synth that cannot go on (a bad context parameter, a missing jar,
 * a model config or workflow file the stack cannot express). The message names the value and what was expected.
 */
public class InfraException extends RuntimeException {

    /** A failure described by {@code message}. */
    public InfraException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause} (an unreadable file). */
    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }
}
