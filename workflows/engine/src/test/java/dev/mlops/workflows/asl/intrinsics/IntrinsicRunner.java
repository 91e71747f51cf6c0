package dev.mlops.workflows.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlops.workflows.asl.StatesErrors;
import dev.mlops.workflows.asl.eval.ExecutionResult;

import static dev.mlops.workflows.asl.Asl.run;
import static dev.mlops.workflows.asl.Asl.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs one intrinsic in a Pass state's Parameters, as the developer guide's examples do. */
final class IntrinsicRunner {

    private IntrinsicRunner() {
    }

    static JsonNode eval(String expression, String input) {
        String field = JsonNodeFactory.instance.textNode(expression).toString();
        ExecutionResult r = run(single("Pass", "\"Parameters\": {\"r.$\": " + field + "}"), input);
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), () -> r.error() + ": " + r.cause());
        return r.output().get("r");
    }

    static String failure(String expression, String input) {
        String field = JsonNodeFactory.instance.textNode(expression).toString();
        ExecutionResult r = run(single("Pass", "\"Parameters\": {\"r.$\": " + field + "}"), input);
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals(StatesErrors.INTRINSIC_FAILURE, r.error(), r.cause());
        return r.cause();
    }

    static void assertFailure(String expression, String input, String causePart) {
        String cause = failure(expression, input);
        assertTrue(cause.contains(causePart), cause);
    }
}
