package dev.mlops.control.api;

import dev.mlops.Json;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem details: the one error body of the control API. */
final class Problems {

    static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    static final String TYPE_BASE = "https://mlops.dev/problems/";

    private Problems() {
    }

    static MutableHttpResponse<String> response(HttpRequest<?> request, HttpStatus status, String type, String title,
                                                String detail) {
        return HttpResponse.<String>status(status).contentType(PROBLEM_JSON).body(body(request, status, type, title, detail));
    }

    static String body(HttpRequest<?> request, HttpStatus status, String type, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + type);
        problem.put("title", title);
        problem.put("status", status.getCode());
        problem.put("detail", detail);
        problem.put("instance", request.getPath());
        return Json.compact(problem);
    }
}
