package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.eval.TaskHandler;
import dev.mlops.workflows.asl.eval.TaskRequest;

/**
 * {@code arn:aws:states:::lambda:invoke} (and {@code .waitForTaskToken}: the engine parks after the call) against
 * {@link LocalFunctions}. The result is wrapped as the optimised integration returns it,
 * {@code {"Payload": ..., "StatusCode": 200, "ExecutedVersion": "$LATEST"}}; a direct Lambda ARN as the Resource
 * gets the bare result, as in AWS.
 *
 * <p>A function's exception becomes what the Java Lambda runtime reports: the error is the exception's fully
 * qualified class name and the cause the JSON text {@code {"errorMessage", "errorType", "stackTrace"}} (with
 * {@code cause} for a chained exception).
 */
final class LambdaInvokeIntegration implements TaskHandler {

    /** Step Functions cuts a cause at this many characters. */
    static final int MAX_CAUSE = 32768;
    /** Enough frames to find the throwing handler; the cause limit would cut a deep trace anyway. */
    private static final int MAX_FRAMES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalFunctions functions;

    LambdaInvokeIntegration(LocalFunctions functions) {
        this.functions = functions;
    }

    @Override
    public JsonNode invoke(TaskRequest request) {
        boolean isDirect = !request.resource().arn().startsWith("arn:aws:states:::");
        String name = isDirect ? request.resource().arn() : functionName(request.input());
        JsonNode payload = isDirect ? request.input() : request.input().path("Payload");
        JsonNode result = call(name, payload.isMissingNode() ? JSON.createObjectNode() : payload);
        if (isDirect) {
            return result;
        }
        ObjectNode wrapped = JSON.createObjectNode();
        wrapped.set("Payload", result);
        wrapped.put("StatusCode", 200);
        wrapped.put("ExecutedVersion", "$LATEST");
        return wrapped;
    }

    private JsonNode call(String name, JsonNode payload) {
        LocalFunction function = functions.find(name).orElseThrow(() -> new AslError("Lambda.ResourceNotFoundException",
                "Function not found: " + name + " (local functions: " + functions.names() + ")"));
        try {
            JsonNode result = function.invoke(payload);
            return result == null ? NullNode.getInstance() : result;
        } catch (AslError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AslError(e.getClass().getName(), cause(e));
        }
    }

    private static String functionName(JsonNode parameters) {
        JsonNode name = parameters.path("FunctionName");
        if (!name.isTextual() || name.textValue().isBlank()) {
            throw new AslError("Lambda.InvalidParameterValueException",
                    "lambda:invoke needs Parameters.FunctionName as a string, got " + name);
        }
        return name.textValue();
    }

    /** The Java Lambda runtime's error document, as JSON text no longer than Step Functions keeps. */
    static String cause(Throwable e) {
        String text = errorDocument(e, 0).toString();
        return text.length() <= MAX_CAUSE ? text : text.substring(0, MAX_CAUSE);
    }

    private static ObjectNode errorDocument(Throwable e, int depth) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("errorMessage", e.getMessage());
        doc.put("errorType", e.getClass().getName());
        ArrayNode trace = doc.putArray("stackTrace");
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
            StackTraceElement f = frames[i];
            trace.add(f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")");
        }
        if (e.getCause() != null && e.getCause() != e && depth < 5) {
            doc.set("cause", errorDocument(e.getCause(), depth + 1));
        }
        return doc;
    }
}
