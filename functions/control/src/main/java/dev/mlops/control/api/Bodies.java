package dev.mlops.control.api;

import dev.mlops.InvalidInputException;
import dev.mlops.Json;
import dev.mlops.control.PayloadTooLargeException;

/**
 * Request bodies: read as bytes and parsed with the domain's strict JSON mapping, so malformed JSON, unknown keys
 * and wrong types answer 400 naming the JSON path, and the size limit holds on the Lambda path too (API Gateway
 * hands the whole body over; Netty's own limit is only a backstop).
 */
final class Bodies {

    private Bodies() {
    }

    static <T> T read(byte[] body, Class<T> type, int limit) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("a JSON request body is required");
        }
        if (body.length > limit) {
            throw new PayloadTooLargeException("request body of " + body.length + " bytes is over the limit of " + limit + " bytes");
        }
        return Json.read(body, type, "request body");
    }
}
