package dev.mlops.local.workflows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.function.Function;

/**
 * A Lambda function as the local runtime runs it: in process, JSON in and out. The pipeline's handlers are adapted
 * to this ({@link #ofMaps}); tests pass lambdas.
 *
 * <p>An exception is the function's error, reported as the Java Lambda runtime reports it (error = the exception's
 * class name). An {@link dev.mlops.workflows.asl.AslError} is a service error instead (for example
 * {@code Lambda.TooManyRequestsException}) and reaches the state machine as it is: that is how tests make the
 * Lambda service fail.
 */
@FunctionalInterface
public interface LocalFunction {

    /** Handles one event. */
    JsonNode invoke(JsonNode payload);

    /**
     * A function over JSON objects as maps, the shape of the pipeline's tasks
     * ({@code input -> task.run(new TaskInput(task.name(), input))}). A payload that is not an object arrives as an
     * empty map.
     */
    static LocalFunction ofMaps(Function<Map<String, Object>, ? extends Map<String, ?>> function) {
        return payload -> {
            Map<String, Object> input = payload != null && payload.isObject()
                    ? LocalFunctions.MAPPER.convertValue(payload, new TypeReference<Map<String, Object>>() { })
                    : Map.of();
            return LocalFunctions.MAPPER.valueToTree(function.apply(input));
        };
    }
}
