package dev.mlops.control;

import dev.mlops.MlopsException;

/** A request body over the control API's limit (HTTP 413); its documents are small by design. */
public class PayloadTooLargeException extends MlopsException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
