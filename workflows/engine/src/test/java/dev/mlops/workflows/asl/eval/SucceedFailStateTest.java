package dev.mlops.workflows.asl.eval;

import dev.mlops.workflows.asl.StatesErrors;
import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.assertOutput;
import static dev.mlops.workflows.asl.Asl.run;
import static dev.mlops.workflows.asl.Asl.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Succeed and Fail states. */
class SucceedFailStateTest {

    @Test
    void succeed_appliesInputAndOutputPath() {
        assertOutput("2", single("Succeed", "\"InputPath\": \"$.a\", \"OutputPath\": \"$.b\""), "{\"a\": {\"b\": 2}}");
    }

    @Test
    void fail_reportsErrorAndCause() {
        ExecutionResult r = run(single("Fail", "\"Error\": \"ErrorA\", \"Cause\": \"Kaiju attack\""), "{}");
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals("ErrorA", r.error());
        assertEquals("Kaiju attack", r.cause());
        assertEquals("FailStateEntered", r.history().get(1).type());
        assertEquals("ExecutionFailed", r.history().get(2).type());
    }

    @Test
    void fail_withoutErrorOrCause_leavesThemNull() {
        ExecutionResult r = run(single("Fail", ""), "{}");
        assertNull(r.error());
        assertNull(r.cause());
    }

    @Test
    void errorPathAndCausePath_readInputOrIntrinsics() {
        ExecutionResult r = run(single("Fail", "\"ErrorPath\": \"$.e\", \"CausePath\": \"States.Format('bad {}', $.n)\""), "{\"e\": \"Custom\", \"n\": 3}");
        assertEquals("Custom", r.error());
        assertEquals("bad 3", r.cause());
    }

    @Test
    void errorPathToNonString_isRuntimeError() {
        assertEquals(StatesErrors.RUNTIME, run(single("Fail", "\"ErrorPath\": \"$.e\""), "{\"e\": 1}").error());
    }
}
