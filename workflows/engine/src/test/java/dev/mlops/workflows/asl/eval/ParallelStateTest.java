package dev.mlops.workflows.asl.eval;

import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.assertOutput;
import static dev.mlops.workflows.asl.Asl.fixture;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Parallel state: every branch gets the same input; the result is the array of branch outputs in order. */
class ParallelStateTest {

    @Test
    void branches_outputsInBranchOrder_thenResultSelectorAndResultPath() {
        assertOutput("{\"n\": 3, \"r\": {\"sum\": 4, \"product\": 3}}", fixture("parallel.asl.json"), "{\"n\": 3}");
    }

    @Test
    void failingBranch_failsTheState_withTheBranchError() {
        String def = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": ["
                + "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}},"
                + "{\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Fail\", \"Error\": \"Branch.Boom\", \"Cause\": \"b\"}}}]}}}";
        ExecutionResult r = run(def, "{}");
        assertEquals("Branch.Boom", r.error());
        assertEquals("b", r.cause());
    }

    @Test
    void failingBranch_canBeCaught() {
        String def = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"Next\": \"Done\","
                + " \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": \"$.err\", \"Next\": \"Done\"}], \"Branches\": ["
                + "{\"StartAt\": \"B\", \"States\": {\"B\": {\"Type\": \"Fail\", \"Error\": \"Branch.Boom\", \"Cause\": \"b\"}}}]},"
                + " \"Done\": {\"Type\": \"Succeed\"}}}";
        ExecutionResult r = run(def, "{\"x\": 1}");
        assertEquals(json("{\"x\": 1, \"err\": {\"Error\": \"Branch.Boom\", \"Cause\": \"b\"}}"), r.output());
    }

    @Test
    void parameters_areTheBranchInput() {
        String def = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"End\": true, \"Parameters\": {\"v.$\": \"$.a\"}, \"Branches\": ["
                + "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}]}}}";
        assertOutput("[{\"v\": 1}]", def, "{\"a\": 1}");
    }

    @Test
    void virtualClock_siblingWaitsOverlap_asBranchesRunSideBySideInAws() {
        String wait = "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": %d, \"End\": true}}}";
        String def = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"Next\": \"After\", \"Branches\": ["
                + String.format(wait, 20) + ", " + String.format(wait, 10) + "]}, \"After\": {\"Type\": \"Pass\", \"End\": true}}}";
        ExecutionResult r = run(def, "{}");
        assertEquals(java.time.Duration.ofSeconds(20), java.time.Duration.between(r.startDate(), r.stopDate()));
        java.util.List<HistoryEvent> waitsEntered = r.history().stream().filter(e -> e.type().equals("WaitStateEntered")).toList();
        assertEquals(r.startDate(), waitsEntered.get(1).timestamp(), "the second branch starts when the first does");
        HistoryEvent after = r.history().stream().filter(e -> e.type().equals("PassStateEntered")).findFirst().orElseThrow();
        assertEquals(r.startDate().plusSeconds(20), after.timestamp(), "the state after continues from the latest branch");
    }

    @Test
    void history_hasParallelEvents() {
        ExecutionResult r = run(fixture("parallel.asl.json"), "{\"n\": 3}");
        java.util.List<String> types = r.history().stream().map(HistoryEvent::type).toList();
        assertEquals("ParallelStateEntered", types.get(1));
        assertEquals("ParallelStateStarted", types.get(2));
        assertEquals(java.util.List.of("ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"), types.subList(types.size() - 3, types.size()));
    }
}
