package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** History events in GetExecutionHistory's names and shape. */
class HistoryTest {

    private static final String LAMBDA = "arn:aws:states:::lambda:invoke";

    @Test
    void taskExecution_hasAwsEventSequence() {
        String def = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Next\": \"T\"},"
                + " \"T\": {\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"End\": true}}}";
        ExecutionResult r = run(def, "{\"a\": 1}", new StubTaskResolver().on(LAMBDA, req -> json("{\"b\": 2}")));
        assertEquals(List.of("ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered", "TaskScheduled",
                "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"), r.history().stream().map(HistoryEvent::type).toList());
        for (int i = 0; i < r.history().size(); i++) {
            assertEquals(i + 1, r.history().get(i).id());
            assertEquals(i, r.history().get(i).previousEventId());
        }
    }

    @Test
    void toAwsJson_rendersPayloadsAsStrings() {
        ExecutionResult r = run("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}", "{\"a\": 1}");
        ObjectNode entered = r.history().get(1).toAwsJson();
        assertEquals("PassStateEntered", entered.get("type").textValue());
        assertEquals(2, entered.get("id").asInt());
        assertEquals(1, entered.get("previousEventId").asInt());
        assertEquals("2026-01-01T00:00:00Z", entered.get("timestamp").textValue());
        assertEquals(json("{\"name\": \"P\", \"input\": \"{\\\"a\\\":1}\", \"inputDetails\": {\"truncated\": false}}"), entered.get("stateEnteredEventDetails"));
        ObjectNode succeeded = r.history().get(3).toAwsJson();
        assertEquals("{\"a\":1}", succeeded.get("executionSucceededEventDetails").get("output").textValue());
    }

    @Test
    void taskScheduled_reportsResourceAndParameters() {
        String def = "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"TimeoutSeconds\": 30,"
                + " \"Parameters\": {\"FunctionName\": \"f\"}, \"End\": true}}}";
        ExecutionResult r = run(def, "{}", new StubTaskResolver().on(LAMBDA, req -> json("1")));
        HistoryEvent scheduled = r.history().get(2);
        assertEquals("TaskScheduled", scheduled.type());
        assertEquals(json("{\"resourceType\": \"lambda\", \"resource\": \"invoke\", \"region\": \"local\", \"parameters\": {\"FunctionName\": \"f\"},"
                + " \"timeoutInSeconds\": 30}"), scheduled.details());
    }

    @Test
    void failedExecution_endsWithExecutionFailed() {
        ExecutionResult r = run("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"E\", \"Cause\": \"C\"}}}", "{}");
        HistoryEvent last = r.history().get(r.history().size() - 1);
        assertEquals("ExecutionFailed", last.type());
        assertEquals(json("{\"error\": \"E\", \"cause\": \"C\"}"), last.details());
    }
}
