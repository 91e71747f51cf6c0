package dev.mlops.inference.api;

import dev.mlops.Json;
import dev.mlops.inference.PredictionResponse;
import dev.mlops.inference.PredictionService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.util.Map;

/**
 * {@code /v1}: named-record predictions with optional explanations, and delayed ground truth. Runs on the event
 * loop: scoring is tens of microseconds of CPU, and the only blocking read (deployment.json, once per TTL) is a
 * small local file or S3 GET; a hop to a worker pool cost more than it saved (docs/benchmarks.md).
 */
@Controller("/v1")
public class PredictController {

    /** Sticky routing: the same key stays on the same version for a whole canary. */
    public static final String ROUTING_KEY = "X-Routing-Key";
    public static final String MODEL_VERSION = "X-Model-Version";
    public static final String MODEL_VARIANT = "X-Model-Variant";

    private final PredictionService predictions;

    public PredictController(PredictionService predictions) {
        this.predictions = predictions;
    }

    @Post(uri = "/models/{model}/predict", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> predict(String model, @Nullable @Body byte[] body,
                                        @Nullable @QueryValue(defaultValue = "false") Boolean explain,
                                        @Nullable @Header(ROUTING_KEY) String routingKey) {
        PredictionResponse response = predictions.predict(model, body, routingKey, Boolean.TRUE.equals(explain));
        return HttpResponse.ok(Json.compact(response))
                .header(MODEL_VERSION, response.version())
                .header(MODEL_VARIANT, response.variant());
    }

    @Post(uri = "/feedback", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> feedback(@Nullable @Body byte[] body) {
        int accepted = predictions.feedback(body);
        return HttpResponse.<String>status(HttpStatus.ACCEPTED).body(Json.compact(Map.of("accepted", accepted)));
    }
}
