package dev.mlops.workflows.asl.eval;

import dev.mlops.workflows.asl.StatesErrors;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Machine-level behaviour: TimeoutSeconds of the whole execution, names and ARNs. */
class ExecutionTest {

    @Test
    void machineTimeoutSeconds_endsAsTimedOut_notCatchable() {
        String def = "{\"TimeoutSeconds\": 60, \"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 61, \"Next\": \"P\"},"
                + " \"P\": {\"Type\": \"Pass\", \"End\": true}}}";
        ExecutionResult r = run(def, "{}");
        assertEquals(ExecutionResult.Status.TIMED_OUT, r.status());
        assertEquals(StatesErrors.TIMEOUT, r.error());
        List<String> types = r.history().stream().map(HistoryEvent::type).toList();
        assertEquals("ExecutionTimedOut", types.get(types.size() - 1));
        assertTrue(!types.contains("PassStateEntered"));
        assertEquals(java.time.Duration.ofSeconds(60), java.time.Duration.between(r.startDate(), r.stopDate()), "it ends at the timeout, mid-Wait");
    }

    @Test
    void withinTimeout_succeeds() {
        String def = "{\"TimeoutSeconds\": 60, \"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 59, \"End\": true}}}";
        assertEquals(ExecutionResult.Status.SUCCEEDED, run(def, "{}").status());
    }

    @Test
    void executionArn_namesMachineAndExecution() {
        ExecutionResult r = run("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}", "{}");
        assertEquals("arn:aws:states:local:000000000000:execution:Test:exec-1", r.executionArn());
        assertEquals(json("{}"), r.output());
    }
}
