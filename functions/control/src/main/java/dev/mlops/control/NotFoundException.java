package dev.mlops.control;

import dev.mlops.MlopsException;

/** What the request names does not exist: a model, an execution, a report (HTTP 404). */
public class NotFoundException extends MlopsException {

    public NotFoundException(String message) {
        super(message);
    }
}
