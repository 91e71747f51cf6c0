package dev.mlops.inference;

import dev.mlops.InvalidInputException;

/** A request or its response would pass the transport's limit (Lambda: 6 MB each way): HTTP 413, before any work. */
public class PayloadTooLargeException extends InvalidInputException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
