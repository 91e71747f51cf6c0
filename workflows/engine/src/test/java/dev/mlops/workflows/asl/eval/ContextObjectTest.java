package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static dev.mlops.workflows.asl.Asl.single;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The context object ({@code $$}) as the developer guide lists its fields. */
class ContextObjectTest {

    @Test
    void executionStateAndMachineFields() {
        String def = "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 30, \"Next\": \"S\"},"
                + " \"S\": {\"Type\": \"Pass\", \"Parameters\": {\"id.$\": \"$$.Execution.Id\", \"name.$\": \"$$.Execution.Name\","
                + " \"input.$\": \"$$.Execution.Input\", \"start.$\": \"$$.Execution.StartTime\", \"state.$\": \"$$.State.Name\","
                + " \"entered.$\": \"$$.State.EnteredTime\", \"retries.$\": \"$$.State.RetryCount\", \"machine.$\": \"$$.StateMachine.Name\","
                + " \"machineId.$\": \"$$.StateMachine.Id\"}, \"End\": true}}}";
        JsonNode out = run(def, "{\"a\": 1}").output();
        assertEquals(json("{\"id\": \"arn:aws:states:local:000000000000:execution:Test:exec-1\", \"name\": \"exec-1\", \"input\": {\"a\": 1},"
                + " \"start\": \"2026-01-01T00:00:00Z\", \"state\": \"S\", \"entered\": \"2026-01-01T00:00:30Z\", \"retries\": 0,"
                + " \"machine\": \"Test\", \"machineId\": \"arn:aws:states:local:000000000000:stateMachine:Test\"}"), out);
    }

    @Test
    void executionInput_isTheOriginalInput_notTheStateInput() {
        String def = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Result\": 5, \"Next\": \"B\"},"
                + " \"B\": {\"Type\": \"Pass\", \"Parameters\": {\"orig.$\": \"$$.Execution.Input.a\", \"now.$\": \"$\"}, \"End\": true}}}";
        assertEquals(json("{\"orig\": 1, \"now\": 5}"), run(def, "{\"a\": 1}").output());
    }

    @Test
    void taskToken_isAbsentOutsideCallbackTasks() {
        assertEquals("States.Runtime", run(single("Pass", "\"Parameters\": {\"t.$\": \"$$.Task.Token\"}"), "{}").error());
    }

    @Test
    void wholeContext_canBePassed() {
        JsonNode out = run(single("Pass", "\"Parameters\": {\"c.$\": \"$$\"}"), "{}").output().get("c");
        assertEquals(json("[\"Execution\", \"State\", \"StateMachine\"]"), fieldNames(out));
    }

    private static JsonNode fieldNames(JsonNode node) {
        com.fasterxml.jackson.databind.node.ArrayNode names = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
