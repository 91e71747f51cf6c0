package dev.mlops.control.api;

import dev.mlops.Json;
import dev.mlops.control.Access;
import dev.mlops.control.ControlPlane;
import dev.mlops.control.TrainingRequest;
import dev.mlops.control.TrainingStart;
import dev.mlops.control.Trainings;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.roles.Identity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code POST /v1/models/{model}/trainings}: a data scientist starts the training-pipeline; 202 with the execution. */
@Controller("/v1/models/{model}/trainings")
@ExecuteOn(TaskExecutors.IO)
public class TrainingController extends ControlEndpoint {

    private final Trainings trainings;
    private final ControlConfiguration config;

    public TrainingController(ControlPlane plane, ControlConfiguration config) {
        this.trainings = plane.trainings();
        this.config = config;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> start(HttpRequest<?> request, String model, @Nullable @Body byte[] body) {
        Identity initiator = Access.require(AuthenticationFilter.caller(request), Access.DATA_SCIENTISTS, "start trainings");
        ModelVersions.checkModel(model);
        TrainingStart started = trainings.start(model, Bodies.read(body, TrainingRequest.class, config.getMaxBodyBytes()), initiator);
        return HttpResponse.<String>status(HttpStatus.ACCEPTED)
                .header("Location", "/v1/executions/" + URLEncoder.encode(started.executionArn(), StandardCharsets.UTF_8))
                .body(Json.compact(started));
    }
}
