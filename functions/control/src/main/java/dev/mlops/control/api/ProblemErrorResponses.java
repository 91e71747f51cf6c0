package dev.mlops.control.api;

import dev.mlops.Json;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Micronaut's own errors (no such route, method not allowed, body over the server limit, unexpected failures) as
 * problem details too, so a client parses one error shape. Replaces Micronaut's default processor, which steps
 * aside when another {@link ErrorResponseProcessor} exists.
 */
@Singleton
public class ProblemErrorResponses implements ErrorResponseProcessor<String> {

    @Override
    public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpStatus status = base.getStatus();
        if (context.getRequest().getPath().startsWith("/v2/")) {
            // The Open Inference Protocol's error shape, for the inference API when it shares this process.
            return base.contentType(MediaType.APPLICATION_JSON_TYPE).body(Json.compact(Map.of("error", status.getReason())));
        }
        String detail = status.getCode() >= 500 ? "the request failed on the server; see the function's log"
                : context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        String body = Problems.body(context.getRequest(), status, type(status), status.getReason(), detail);
        return base.contentType(Problems.PROBLEM_JSON).body(body);
    }

    private static String type(HttpStatus status) {
        return switch (status.getCode()) {
            case 400 -> "invalid-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 500 -> "internal";
            default -> "http-" + status.getCode();
        };
    }
}
