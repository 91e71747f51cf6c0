package dev.mlops.inference.api;

import dev.mlops.Json;
import dev.mlops.inference.LiveModels;
import dev.mlops.inference.OpenInference;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Open Inference Protocol (KServe v2) endpoints. */
@Controller("/v2")
public class OpenInferenceController {

    private final OpenInference inference;
    private final LiveModels models;

    public OpenInferenceController(OpenInference inference, LiveModels models) {
        this.inference = inference;
        this.models = models;
    }

    @Get(uri = "/health/live", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> live() {
        return HttpResponse.ok(Json.compact(Map.of("live", true)));
    }

    /** Ready unless a deployed version failed to load; the problems are listed so an operator sees why. */
    @Get(uri = "/health/ready", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> ready() {
        Map<String, String> problems = models.problems();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", problems.isEmpty());
        body.put("loaded", models.loaded());
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        return HttpResponse.<String>status(problems.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Json.compact(body));
    }

    @Get(uri = "/models/{model}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> metadata(String model) {
        return HttpResponse.ok(Json.compact(inference.metadata(model)));
    }

    @Get(uri = "/models/{model}/ready", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> modelReady(String model) {
        boolean ready = inference.isReady(model);
        return HttpResponse.<String>status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Json.compact(Map.of("name", model, "ready", ready)));
    }

    @Post(uri = "/models/{model}/infer", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> infer(String model, @Nullable @Body byte[] body,
                                      @Nullable @Header(PredictController.ROUTING_KEY) String routingKey) {
        Map<String, Object> response = inference.infer(model, body, routingKey);
        return HttpResponse.ok(Json.compact(response)).header(PredictController.MODEL_VERSION, (String) response.get("model_version"));
    }
}
