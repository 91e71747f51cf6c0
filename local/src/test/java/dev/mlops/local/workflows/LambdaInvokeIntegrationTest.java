package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.eval.Resource;
import dev.mlops.workflows.asl.eval.TaskRequest;
import dev.mlops.workflows.asl.eval.VirtualClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.mlops.local.workflows.StubPipeline.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local {@code lambda:invoke}: AWS's result wrapping and the Java Lambda runtime's error report. */
class LambdaInvokeIntegrationTest {

    private final LambdaInvokeIntegration lambda = new LambdaInvokeIntegration(new LocalFunctions(Map.of(
            "echo", p -> p,
            "maps", LocalFunction.ofMaps(in -> {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                out.put("model", in.get("model"));
                out.put("dataset", null);
                out.put("reasons", List.of());
                return out;
            }),
            "broken", p -> {
                throw new IllegalStateException("no champion", new java.io.UncheckedIOException(new java.io.IOException("disk")));
            },
            "throttled", p -> {
                throw new AslError("Lambda.TooManyRequestsException", "Rate exceeded");
            })));

    private JsonNode invoke(String resource, String parameters) {
        return lambda.invoke(new TaskRequest(Resource.parse(resource), json(parameters), null, "Task",
                "arn:aws:states:local:000000000000:execution:m:e", new VirtualClock(Instant.EPOCH)));
    }

    @Test
    void invoke_wrapsTheResult_payloadStatusCodeExecutedVersion() {
        JsonNode result = invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"echo\", \"Payload\": {\"a\": 1}}");

        assertEquals(json("{\"Payload\": {\"a\": 1}, \"StatusCode\": 200, \"ExecutedVersion\": \"$LATEST\"}"), result);
    }

    @Test
    void invoke_functionArnWithAlias_findsTheFunctionByName() {
        JsonNode result = invoke("arn:aws:states:::lambda:invoke",
                "{\"FunctionName\": \"arn:aws:lambda:eu-west-1:123456789012:function:echo:live\", \"Payload\": 7}");

        assertEquals(7, result.path("Payload").asInt());
    }

    @Test
    void directLambdaArn_returnsTheBareResult() {
        JsonNode result = invoke("arn:aws:lambda:eu-west-1:123456789012:function:echo", "{\"a\": 1}");

        assertEquals(json("{\"a\": 1}"), result);
    }

    @Test
    void handlerException_errorIsTheClassName_causeIsTheRuntimeErrorDocument() {
        AslError e = assertThrows(AslError.class, () -> invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"broken\"}"));

        assertEquals("java.lang.IllegalStateException", e.error());
        JsonNode cause = json(e.cause());
        assertEquals("no champion", cause.path("errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", cause.path("errorType").asText());
        assertTrue(cause.path("stackTrace").path(0).asText().contains("LambdaInvokeIntegrationTest"));
        assertEquals("java.io.UncheckedIOException", cause.path("cause").path("errorType").asText());
    }

    @Test
    void mapFunction_nullsAndEmptyListsKept() {
        JsonNode result = invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"maps\", \"Payload\": {\"model\": \"m\"}}");

        assertEquals(json("{\"model\": \"m\", \"dataset\": null, \"reasons\": []}"), result.path("Payload"));
    }

    @Test
    void serviceError_passesThrough() {
        AslError e = assertThrows(AslError.class, () -> invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"throttled\"}"));

        assertEquals("Lambda.TooManyRequestsException", e.error());
    }

    @Test
    void unknownFunction_resourceNotFound() {
        AslError e = assertThrows(AslError.class, () -> invoke("arn:aws:states:::lambda:invoke", "{\"FunctionName\": \"nope\"}"));

        assertEquals("Lambda.ResourceNotFoundException", e.error());
        assertTrue(e.cause().contains("nope"));
    }
}
