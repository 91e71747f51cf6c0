package dev.mlops.inference.api;

import dev.mlops.Json;
import dev.mlops.inference.RequestError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Error bodies in the shape each API promises: RFC 9457 problem details under {@code /v1}, the Open Inference
 * Protocol's {@code {"error": "..."}} under {@code /v2}.
 */
final class Problems {

    static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    private static final String TYPE_BASE = "https://mlops.dev/problems/";

    private Problems() {
    }

    static MutableHttpResponse<String> response(HttpRequest<?> request, HttpStatus status, String type, String title,
                                                String detail, List<RequestError> errors) {
        if (request.getPath().startsWith("/v2/")) {
            return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(Json.compact(Map.of("error", detail)));
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + type);
        problem.put("title", title);
        problem.put("status", status.getCode());
        problem.put("detail", detail);
        problem.put("instance", request.getPath());
        if (errors != null && !errors.isEmpty()) {
            problem.put("errors", errors);
        }
        return HttpResponse.<String>status(status).contentType(PROBLEM_JSON).body(Json.compact(problem));
    }
}
