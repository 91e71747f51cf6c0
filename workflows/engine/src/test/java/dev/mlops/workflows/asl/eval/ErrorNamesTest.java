package dev.mlops.workflows.asl.eval;

import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.StatesErrors;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which predefined error names match which errors (developer guide, "Error names"). */
class ErrorNamesTest {

    private static final String LAMBDA = "arn:aws:states:::lambda:invoke";

    private static int match(List<String> errorEquals, String error) {
        return Interpreter.firstMatch(List.of(errorEquals), new AslError(error, ""));
    }

    @Test
    void errorNames_areExactlyAwsNames() {
        assertEquals("States.ALL", StatesErrors.ALL);
        assertEquals("States.TaskFailed", StatesErrors.TASK_FAILED);
        assertEquals("States.Timeout", StatesErrors.TIMEOUT);
        assertEquals("States.HeartbeatTimeout", StatesErrors.HEARTBEAT_TIMEOUT);
        assertEquals("States.Runtime", StatesErrors.RUNTIME);
        assertEquals("States.DataLimitExceeded", StatesErrors.DATA_LIMIT_EXCEEDED);
        assertEquals("States.NoChoiceMatched", StatesErrors.NO_CHOICE_MATCHED);
        assertEquals("States.IntrinsicFailure", StatesErrors.INTRINSIC_FAILURE);
    }

    @Test
    void statesAll_matchesAllButDataLimitAndRuntime() {
        for (String e : List.of("Custom", StatesErrors.TASK_FAILED, StatesErrors.TIMEOUT, StatesErrors.HEARTBEAT_TIMEOUT,
                StatesErrors.NO_CHOICE_MATCHED, StatesErrors.INTRINSIC_FAILURE)) {
            assertEquals(0, match(List.of(StatesErrors.ALL), e), e);
        }
        assertEquals(-1, match(List.of(StatesErrors.ALL), StatesErrors.DATA_LIMIT_EXCEEDED));
        assertEquals(-1, match(List.of(StatesErrors.ALL), StatesErrors.RUNTIME));
    }

    @Test
    void taskFailed_matchesAllButTimeout() {
        assertEquals(0, match(List.of(StatesErrors.TASK_FAILED), "Lambda.ServiceException"));
        assertEquals(0, match(List.of(StatesErrors.TASK_FAILED), StatesErrors.HEARTBEAT_TIMEOUT));
        assertEquals(-1, match(List.of(StatesErrors.TASK_FAILED), StatesErrors.TIMEOUT));
    }

    @Test
    void runtime_isNeverCaughtEvenByName_dataLimitOnlyByName() {
        assertEquals(-1, match(List.of(StatesErrors.RUNTIME), StatesErrors.RUNTIME));
        assertEquals(0, match(List.of(StatesErrors.DATA_LIMIT_EXCEEDED), StatesErrors.DATA_LIMIT_EXCEEDED));
    }

    @Test
    void errorEquals_isCaseSensitive() {
        assertEquals(-1, match(List.of("custom"), "Custom"));
    }

    @Test
    void runtimeError_failsExecutionDespiteCatchAll() {
        String def = "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"InputPath\": \"$.missing\","
                + " \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"H\"}], \"End\": true}, \"H\": {\"Type\": \"Succeed\"}}}";
        ExecutionResult r = run(def, "{}", new StubTaskResolver().on(LAMBDA, req -> json("1")));
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals(StatesErrors.RUNTIME, r.error());
    }

    @Test
    void timeout_isNotCaughtByTaskFailed_butByName() {
        StubTaskResolver slow = new StubTaskResolver().on(LAMBDA, req -> {
            req.work(Duration.ofSeconds(5));
            return json("1");
        });
        String def = "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"TimeoutSeconds\": 1,"
                + " \"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"H\"}], \"End\": true}, \"H\": {\"Type\": \"Succeed\"}}}";
        assertEquals(StatesErrors.TIMEOUT, run(def, "{}", slow).error());
        assertEquals(ExecutionResult.Status.SUCCEEDED, run(def.replace("States.TaskFailed", "States.Timeout"), "{}", slow).status());
    }

    @Test
    void intrinsicFailure_isCatchable() {
        String def = "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"Parameters\": {\"x.$\": \"States.ArrayLength($.a)\"},"
                + " \"Catch\": [{\"ErrorEquals\": [\"States.IntrinsicFailure\"], \"Next\": \"H\"}], \"End\": true}, \"H\": {\"Type\": \"Succeed\"}}}";
        assertEquals(ExecutionResult.Status.SUCCEEDED, run(def, "{\"a\": 1}", new StubTaskResolver().on(LAMBDA, req -> json("1"))).status());
    }
}
