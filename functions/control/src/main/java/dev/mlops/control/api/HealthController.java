package dev.mlops.control.api;

import dev.mlops.Json;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.Map;

/** {@code GET /v1/health}: unauthenticated liveness (load balancers and the CLI's "is anything listening" probe). */
@Controller
public class HealthController {

    static final String PATH = "/v1/health";

    @Get(uri = PATH, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> health() {
        return HttpResponse.ok(Json.compact(Map.of("status", "UP", "service", "mlops-control")));
    }
}
