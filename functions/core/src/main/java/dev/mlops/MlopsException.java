package dev.mlops;

/**
 * Root of every error this project raises on purpose. Unchecked: callers at the edge (CLI, HTTP handlers)
 * turn it into an exit code or a problem document; the domain never logs and continues.
 */
public class MlopsException extends RuntimeException {

    public MlopsException(String message) {
        super(message);
    }

    public MlopsException(String message, Throwable cause) {
        super(message, cause);
    }
}
