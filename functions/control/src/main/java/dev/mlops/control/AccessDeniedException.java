package dev.mlops.control;

import dev.mlops.MlopsException;

/** The caller is authenticated but its roles do not allow the action (HTTP 403). */
public class AccessDeniedException extends MlopsException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
