package dev.mlops.workflows.asl.path;

/** A path that is not valid JSONPath; the message names the path and what was expected at which position. */
public final class PathSyntaxException extends IllegalArgumentException {

    /** @param message the path, the position and what was expected there */
    public PathSyntaxException(String message) {
        super(message);
    }
}
