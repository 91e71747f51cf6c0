package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.StatesErrors;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static dev.mlops.workflows.asl.Asl.T0;
import static dev.mlops.workflows.asl.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in {@code states:startExecution} integration: nested executions on the same engine. */
class StatesIntegrationTest {

    private static final String CHILD = "{\"StartAt\": \"Double\", \"States\": {\"Double\": {\"Type\": \"Pass\","
            + " \"Parameters\": {\"twice.$\": \"States.MathAdd($.n, $.n)\", \"parent.$\": \"$.AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\"},"
            + " \"End\": true}}}";
    private static final String FAILING = "{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"Boom\", \"Cause\": \"bad\"}}}";

    private final VirtualClock clock = new VirtualClock(T0);
    private final Engine engine = new Engine(TaskResolver.none(), clock, new Random(7));

    private static String parent(String resource, String name, String onError) {
        return "{\"StartAt\": \"Start\", \"States\": {\"Start\": {\"Type\": \"Task\", \"Resource\": \"" + resource + "\","
                + " \"Parameters\": {\"StateMachineArn\": \"arn:aws:states:local:000000000000:stateMachine:Child\","
                + (name == null ? "" : " \"Name.$\": \"" + name + "\",")
                + " \"Input\": {\"n.$\": \"$.n\", \"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$\": \"$$.Execution.Id\"}}"
                + onError + ", \"End\": true}"
                + (onError.isEmpty() ? "" : ", \"Caught\": {\"Type\": \"Pass\", \"End\": true}") + "}}";
    }

    private static final String CATCH_ALL = ", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Caught\"}]";

    @Test
    void sync2_returnsDescribeExecutionWithJsonOutput() {
        engine.register("Child", CHILD);
        engine.register("Parent", parent("arn:aws:states:::states:startExecution.sync:2", "$.name", ""));
        ExecutionResult r = engine.run("Parent", "p1", json("{\"n\": 4, \"name\": \"c1\"}"));
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), r::cause);
        JsonNode out = r.output();
        assertEquals("arn:aws:states:local:000000000000:execution:Child:c1", out.get("ExecutionArn").asText());
        assertEquals(json("{\"twice\": 8, \"parent\": \"arn:aws:states:local:000000000000:execution:Parent:p1\"}"), out.get("Output"));
        assertEquals("SUCCEEDED", out.get("Status").asText());
        assertEquals("c1", out.get("Name").asText());
        assertEquals("arn:aws:states:local:000000000000:stateMachine:Child", out.get("StateMachineArn").asText());
        assertEquals(json("{\"n\": 4, \"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\": \"arn:aws:states:local:000000000000:execution:Parent:p1\"}"),
                json(out.get("Input").asText()));
        assertEquals(T0.toEpochMilli(), out.get("StartDate").asLong());
    }

    @Test
    void sync_outputIsAJsonString() {
        engine.register("Child", CHILD);
        engine.register("Parent", parent("arn:aws:states:::states:startExecution.sync", null, ""));
        ExecutionResult r = engine.run("Parent", "p1", json("{\"n\": 1}"));
        assertTrue(r.output().get("Output").isTextual());
        assertEquals(2, json(r.output().get("Output").asText()).get("twice").asInt());
    }

    @Test
    void sync_childFails_taskFailedWithDescribeCause() {
        engine.register("Child", FAILING);
        engine.register("Parent", parent("arn:aws:states:::states:startExecution.sync:2", null, CATCH_ALL));
        ExecutionResult r = engine.run("Parent", "p1", json("{\"n\": 1}"));
        assertEquals(StatesErrors.TASK_FAILED, r.output().get("Error").asText());
        JsonNode cause = json(r.output().get("Cause").asText());
        assertEquals("FAILED", cause.get("Status").asText());
        assertEquals("Boom", cause.get("Error").asText());
        assertEquals("bad", cause.get("Cause").asText());
    }

    @Test
    void requestResponse_returnsArnAndStartDate_childRunsOnItsOwn() {
        engine.register("Child", CHILD);
        engine.register("Parent", parent("arn:aws:states:::states:startExecution", "$.name", ""));
        ExecutionResult r = engine.run("Parent", "p1", json("{\"n\": 5, \"name\": \"c\"}"));
        assertEquals(2, r.output().size());
        assertEquals(T0.toEpochMilli(), r.output().get("StartDate").asLong());
        Execution child = engine.execution(r.output().get("ExecutionArn").asText()).orElseThrow();
        assertEquals(10, child.await().output().get("twice").asInt());
    }

    @Test
    void duplicateName_taskErrorExecutionAlreadyExists() {
        engine.register("Child", CHILD);
        engine.register("Parent", parent("arn:aws:states:::states:startExecution.sync:2", "$.name", CATCH_ALL));
        engine.run("Parent", "p1", json("{\"n\": 1, \"name\": \"retrain-m-2026-01-01\"}"));
        ExecutionResult second = engine.run("Parent", "p2", json("{\"n\": 1, \"name\": \"retrain-m-2026-01-01\"}"));
        assertEquals("StepFunctions.ExecutionAlreadyExistsException", second.output().get("Error").asText());
        assertTrue(second.output().get("Cause").asText().contains("execution:Child:retrain-m-2026-01-01"));
    }

    @Test
    void waitForTaskToken_childSendsTheTokenBack() {
        Engine[] holder = new Engine[1];
        holder[0] = new Engine(new StubTaskResolver().on("arn:aws:lambda:*:function:callback", request -> {
            holder[0].sendTaskSuccess(request.input().get("token").asText(), json("{\"done\": true}"));
            return null;
        }), clock, new Random(2));
        holder[0].register("Child", "{\"StartAt\": \"Back\", \"States\": {\"Back\": {\"Type\": \"Task\","
                + " \"Resource\": \"arn:aws:lambda:local:0:function:callback\", \"End\": true}}}");
        holder[0].register("Parent", "{\"StartAt\": \"Start\", \"States\": {\"Start\": {\"Type\": \"Task\","
                + " \"Resource\": \"arn:aws:states:::states:startExecution.waitForTaskToken\", \"Parameters\": {\"StateMachineArn\": \"Child\","
                + " \"Input\": {\"token.$\": \"$$.Task.Token\"}}, \"End\": true}}}");
        ExecutionResult r = holder[0].run("Parent", "p", json("{}"));
        assertEquals(json("{\"done\": true}"), r.output());
    }

    @Test
    void resolverFirst_builtInAsFallback() {
        engine.register("Child", CHILD);
        Engine custom = new Engine(resource -> resource.name().equals("startExecution")
                ? Optional.of(request -> json("{\"mine\": true}")) : Optional.empty(), clock, new Random(1));
        custom.register("Parent", parent("arn:aws:states:::states:startExecution", null, ""));
        assertEquals(json("{\"mine\": true}"), custom.run("Parent", "p", json("{\"n\": 1}")).output());
    }
}
