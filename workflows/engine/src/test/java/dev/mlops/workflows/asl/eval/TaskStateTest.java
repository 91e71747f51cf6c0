package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.StatesErrors;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static dev.mlops.workflows.asl.Asl.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Task state: resolution of resources, failures, TimeoutSeconds. */
class TaskStateTest {

    private static final String LAMBDA = "arn:aws:states:::lambda:invoke";

    @Test
    void resolvedHandler_getsEffectiveParametersAndTaskContext() {
        AtomicReference<TaskRequest> seen = new AtomicReference<>();
        StubTaskResolver resolver = new StubTaskResolver().on(LAMBDA, request -> {
            seen.set(request);
            return json("{\"ok\": true}");
        });
        ExecutionResult r = run(single("Task", "\"Resource\": \"" + LAMBDA + "\", \"Parameters\": {\"FunctionName\": \"f\", \"Payload.$\": \"$\"}"),
                "{\"x\": 1}", resolver);
        assertEquals(json("{\"ok\": true}"), r.output());
        assertEquals(json("{\"FunctionName\": \"f\", \"Payload\": {\"x\": 1}}"), seen.get().input());
        assertEquals("lambda", seen.get().resource().resourceType());
        assertEquals("invoke", seen.get().resource().name());
        assertEquals(Resource.Pattern.REQUEST_RESPONSE, seen.get().resource().pattern());
        assertEquals("S", seen.get().stateName());
    }

    @Test
    void resourcePatterns_areRecognised() {
        assertEquals(Resource.Pattern.RUN_JOB, Resource.parse("arn:aws:states:::batch:submitJob.sync").pattern());
        assertEquals("submitJob", Resource.parse("arn:aws:states:::batch:submitJob.sync").name());
        assertEquals(Resource.Pattern.RUN_JOB, Resource.parse("arn:aws:states:::states:startExecution.sync:2").pattern());
        assertEquals(Resource.Pattern.WAIT_FOR_TASK_TOKEN, Resource.parse("arn:aws:states:::lambda:invoke.waitForTaskToken").pattern());
        assertEquals("invoke", Resource.parse("arn:aws:states:::lambda:invoke.waitForTaskToken").name());
        Resource direct = Resource.parse("arn:aws:lambda:us-east-1:123456789012:function:score");
        assertEquals("lambda", direct.resourceType());
        assertEquals(direct.arn(), direct.name());
        assertEquals("sns", Resource.parse("arn:aws:states:::sns:publish").resourceType());
    }

    @Test
    void unknownResource_failsWithTaskFailedNamingIt() {
        ExecutionResult r = run(single("Task", "\"Resource\": \"arn:aws:states:::sns:publish\""), "{}");
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals(StatesErrors.TASK_FAILED, r.error());
        assertTrue(r.cause().contains("'arn:aws:states:::sns:publish'"), r.cause());
    }

    @Test
    void unknownCallbackResource_stillGetsItsToken_thenTaskFailed() {
        ExecutionResult r = run(single("Task", "\"Resource\": \"arn:aws:states:::sqs:sendMessage.waitForTaskToken\","
                + " \"Parameters\": {\"MessageBody\": {\"token.$\": \"$$.Task.Token\"}}"), "{}");
        assertEquals(StatesErrors.TASK_FAILED, r.error());
        assertTrue(r.cause().contains("'arn:aws:states:::sqs:sendMessage.waitForTaskToken'"), r.cause());
    }

    @Test
    void handlerError_keepsItsName() {
        StubTaskResolver resolver = new StubTaskResolver().on(LAMBDA, request -> {
            throw new AslError("Lambda.ServiceException", "boom");
        });
        ExecutionResult r = run(single("Task", "\"Resource\": \"" + LAMBDA + "\""), "{}", resolver);
        assertEquals("Lambda.ServiceException", r.error());
        assertEquals("boom", r.cause());
    }

    @Test
    void handlerException_isTaskFailed() {
        StubTaskResolver resolver = new StubTaskResolver().on(LAMBDA, request -> {
            throw new IllegalStateException("bad");
        });
        ExecutionResult r = run(single("Task", "\"Resource\": \"" + LAMBDA + "\""), "{}", resolver);
        assertEquals(StatesErrors.TASK_FAILED, r.error());
        assertEquals("IllegalStateException: bad", r.cause());
    }

    @Test
    void workLongerThanTimeoutSeconds_isStatesTimeout() {
        StubTaskResolver resolver = new StubTaskResolver().on(LAMBDA, request -> {
            request.work(Duration.ofSeconds(11));
            return json("1");
        });
        ExecutionResult r = run(single("Task", "\"Resource\": \"" + LAMBDA + "\", \"TimeoutSeconds\": 10"), "{}", resolver);
        assertEquals(StatesErrors.TIMEOUT, r.error());
        assertTrue(r.history().stream().anyMatch(e -> e.type().equals("TaskTimedOut")));
    }

    @Test
    void timeoutSecondsPath_isReadFromEffectiveInput() {
        StubTaskResolver resolver = new StubTaskResolver().on(LAMBDA, request -> {
            request.work(Duration.ofSeconds(3));
            return json("1");
        });
        assertEquals(StatesErrors.TIMEOUT, run(single("Task", "\"Resource\": \"" + LAMBDA + "\", \"TimeoutSecondsPath\": \"$.t\""), "{\"t\": 2}", resolver).error());
        assertEquals(ExecutionResult.Status.SUCCEEDED, run(single("Task", "\"Resource\": \"" + LAMBDA + "\", \"TimeoutSecondsPath\": \"$.t\""), "{\"t\": 5}", resolver).status());
        assertEquals(StatesErrors.RUNTIME, run(single("Task", "\"Resource\": \"" + LAMBDA + "\", \"TimeoutSecondsPath\": \"$.t\""), "{\"t\": \"5\"}", resolver).error());
    }

    @Test
    void nullResult_isJsonNull() {
        StubTaskResolver resolver = new StubTaskResolver().on(LAMBDA, request -> null);
        JsonNode out = run(single("Task", "\"Resource\": \"" + LAMBDA + "\", \"ResultPath\": \"$.r\""), "{}", resolver).output();
        assertEquals(json("{\"r\": null}"), out);
    }
}
