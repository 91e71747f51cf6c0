package dev.mlops.control.api;

import dev.mlops.Json;
import dev.mlops.control.Access;
import dev.mlops.control.NotFoundException;
import dev.mlops.control.Trainings;
import dev.mlops.control.executions.ExecutionDetail;
import dev.mlops.control.executions.Executions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.LinkedHashMap;
import java.util.Map;

/** Workflow executions for the console and the CLI (analyst and above). */
@Controller("/v1/executions")
@ExecuteOn(TaskExecutors.IO)
public class ExecutionController extends ControlEndpoint {

    private static final int MAX_LIMIT = 100;

    private final Executions executions;

    public ExecutionController(Executions executions) {
        this.executions = executions;
    }

    /** The newest executions of one state machine ({@code training-pipeline} unless {@code ?stateMachine=}). */
    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(HttpRequest<?> request, @Nullable @QueryValue String stateMachine,
                                     @Nullable @QueryValue Integer limit) {
        Access.require(AuthenticationFilter.caller(request), Access.ANALYST_AND_ABOVE, "read executions");
        String machine = stateMachine == null || stateMachine.isBlank() ? Trainings.STATE_MACHINE : stateMachine;
        int max = limit(limit, 20);
        return HttpResponse.ok(Json.compact(Map.of("stateMachine", machine, "executions", executions.list(machine, max))));
    }

    /** One execution with its input, output and history. */
    @Get(uri = "/{arn}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> show(HttpRequest<?> request, String arn, @Nullable @QueryValue Integer limit) {
        Access.require(AuthenticationFilter.caller(request), Access.ANALYST_AND_ABOVE, "read executions");
        ExecutionDetail detail = executions.describe(arn).orElseThrow(() -> new NotFoundException("no execution " + arn));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("execution", detail);
        body.put("history", executions.history(arn, limit(limit, MAX_LIMIT)));
        return HttpResponse.ok(Json.compact(body));
    }

    private static int limit(Integer requested, int fallback) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + requested);
        }
        return requested;
    }
}
