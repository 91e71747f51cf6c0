package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlops.workflows.asl.AslError;
import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.assertOutput;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workflow variables in JSONPath states: Assign, $name references, evaluation order, scopes, limits, errors. */
class VariablesTest {

    private static ExecutionResult runTask(String definition, String input, TaskHandler handler) {
        return run(definition, input, new StubTaskResolver().on("arn:aws:states:::lambda:invoke", handler));
    }

    @Test
    void assign_thenReferenceInParametersAndIntrinsics() {
        assertOutput("{\"greeting\": \"Hello María\", \"name\": \"María\", \"n\": 3}", """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"name.$": "$.who", "count": 3}, "Next": "B"},
                  "B": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('Hello {}', $name)", "name.$": "$name",
                        "n.$": "$count"}, "End": true}}}""", "{\"who\": \"María\"}");
    }

    @Test
    void assign_seesTheVariablesAsTheyWereOnEntry_notItsOwnAssignments() {
        assertOutput("{\"x\": 2, \"y\": 1}", """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
                  "B": {"Type": "Pass", "Assign": {"x.$": "$.v", "y.$": "$x"}, "Next": "C"},
                  "C": {"Type": "Pass", "Parameters": {"x.$": "$x", "y.$": "$y"}, "End": true}}}""", "{\"v\": 2}");
    }

    @Test
    void task_assignReadsTheSelectedResult_independentlyOfResultPath() {
        ExecutionResult r = runTask("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "ResultSelector": {"id.$": "$.Payload.id"}, "ResultPath": "$.task",
                        "Assign": {"taskId.$": "$.id", "fromContext.$": "$$.State.Name"}, "Next": "U"},
                  "U": {"Type": "Pass", "Parameters": {"id.$": "$taskId", "state.$": "$fromContext", "input.$": "$"}, "End": true}}}""",
                "{\"a\": 1}", req -> json("{\"Payload\": {\"id\": 7}}"));
        assertEquals(json("{\"id\": 7, \"state\": \"T\", \"input\": {\"a\": 1, \"task\": {\"id\": 7}}}"), r.output());
    }

    @Test
    void choice_ruleAssignAndStateAssign_bothApply_ruleWinsOnSharedName() {
        assertOutput("{\"path\": \"big\", \"seen\": true}", """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Assign": {"path": "default", "seen": true},
                        "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Assign": {"path": "big"}, "Next": "Done"}],
                        "Default": "Done"},
                  "Done": {"Type": "Pass", "Parameters": {"path.$": "$path", "seen.$": "$seen"}, "End": true}}}""", "{\"n\": 11}");
    }

    @Test
    void choice_variableComparison_readsAVariable() {
        assertOutput("\"yes\"", """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"limit": 5}, "Next": "C"},
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$limit", "NumericEqualsPath": "$.n", "Next": "Y"}], "Default": "N"},
                  "Y": {"Type": "Pass", "Result": "yes", "End": true},
                  "N": {"Type": "Pass", "Result": "no", "End": true}}}""", "{\"n\": 5}");
    }

    @Test
    void catch_assignReadsTheErrorOutput_andTheFailedStatesAssignIsDropped() {
        ExecutionResult r = runTask("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Assign": {"ok": true},
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"error.$": "$.Error"}, "ResultPath": null, "Next": "H"}],
                        "End": true},
                  "H": {"Type": "Pass", "Parameters": {"error.$": "$error", "hasOk.$": "States.ArrayContains(States.Array('x'), 'y')"},
                        "End": true}}}""", "{}", req -> {
                    throw new AslError("Boom", "it broke");
                });
        assertEquals(json("{\"error\": \"Boom\", \"hasOk\": false}"), r.output());
        ExecutionResult unassigned = runTask("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Assign": {"ok": true},
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}], "End": true},
                  "H": {"Type": "Pass", "Parameters": {"ok.$": "$ok"}, "End": true}}}""", "{}", req -> {
                    throw new AslError("Boom", "it broke");
                });
        assertEquals("States.Runtime", unassigned.error());
        assertTrue(unassigned.cause().contains("'$ok', which has not been assigned"), unassigned.cause());
    }

    @Test
    void parallel_branchesReadOuterVariables_andTheirAssignmentsStayInside() {
        assertOutput("{\"branches\": [\"outer-1\", \"outer-2\"], \"after\": \"outer\"}", """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"v": "outer"}, "Next": "P"},
                  "P": {"Type": "Parallel", "ResultPath": "$.branches", "Next": "Z", "Branches": [
                    {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Assign": {"v": "inner"},
                        "Parameters": {"r.$": "States.Format('{}-1', $v)"}, "OutputPath": "$.r", "End": true}}},
                    {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "Parameters": {"r.$": "States.Format('{}-2', $v)"},
                        "OutputPath": "$.r", "End": true}}}]},
                  "Z": {"Type": "Pass", "Parameters": {"branches.$": "$.branches", "after.$": "$v"}, "End": true}}}""", "{}");
    }

    @Test
    void map_iterationsAndItemSelectorReadOuterVariables() {
        assertOutput("[\"a:1\", \"a:2\"]", """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"prefix": "a"}, "Next": "M"},
                  "M": {"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"p.$": "$prefix", "v.$": "$$.Map.Item.Value"},
                        "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass",
                          "Parameters": {"s.$": "States.Format('{}:{}', $prefix, $.v)"}, "OutputPath": "$.s", "End": true}}},
                        "End": true}}}""", "{\"items\": [1, 2]}");
    }

    @Test
    void variableInItemsPathAndOutputPath() {
        assertOutput("[1, 2]", """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"list": [1, 2], "wrap": {"x": 1}}, "Next": "M"},
                  "M": {"Type": "Map", "ItemsPath": "$list",
                        "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}""", "{}");
    }

    @Test
    void history_stateExitedListsTheAssignedVariables() {
        ExecutionResult r = run("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"x": 42, "s.$": "$.s"}, "End": true}}}""", "{\"s\": \"v\"}");
        HistoryEvent exited = r.history().stream().filter(e -> e.type().equals("PassStateExited")).findFirst().orElseThrow();
        assertEquals(json("{\"x\": \"42\", \"s\": \"\\\"v\\\"\"}"), exited.details().get("assignedVariables"));
        assertEquals(json("{\"truncated\": false}"), exited.details().get("assignedVariablesDetails"));
    }

    @Test
    void unknownVariable_isStatesRuntime() {
        ExecutionResult r = run("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x.$": "$nope"}, "End": true}}}""", "{}");
        assertEquals("States.Runtime", r.error());
        assertTrue(r.cause().startsWith("An error occurred while executing the state 'A' (entered at the event id #2)."), r.cause());
        assertTrue(r.cause().contains("$nope"), r.cause());
    }

    @Test
    void variableLargerThan256KiB_isDataLimitExceeded() {
        String big = "x".repeat(150_000);
        ExecutionResult r = run("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"big.$": "States.Array($.s, $.s)"}, "End": true}}}""",
                JsonNodeFactory.instance.objectNode().put("s", big).toString());
        assertEquals("States.DataLimitExceeded", r.error());
        assertTrue(r.cause().contains("'big'"), r.cause());
    }

    @Test
    void oversizedAssign_failsTheState_soACatcherNamingTheErrorHandlesIt() {
        ExecutionResult r = runTask("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Assign": {"big.$": "States.Array($.s, $.s)"},
                        "ResultPath": null, "Catch": [{"ErrorEquals": ["States.DataLimitExceeded"], "Next": "H"}], "End": true},
                  "H": {"Type": "Pass", "Parameters": {"error.$": "$.Error"}, "End": true}}}""", "{}",
                req -> JsonNodeFactory.instance.objectNode().put("s", "x".repeat(140_000)));
        assertEquals(json("{\"error\": \"States.DataLimitExceeded\"}"), r.output(), r::cause);
        ExecutionResult uncaught = runTask("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Assign": {"big.$": "States.Array($.s, $.s)"}, "ResultPath": null, "End": true}}}""", "{}",
                req -> JsonNodeFactory.instance.objectNode().put("s", "x".repeat(140_000)));
        assertTrue(uncaught.cause().contains("assigned 280007 bytes to the variable 'big'"), uncaught.cause());
    }

    @Test
    void assignedTotalOver10MiB_isDataLimitExceeded() {
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < 45; i++) {
            states.append("\"S").append(i).append("\": {\"Type\": \"Pass\", \"Assign\": {\"v").append(i)
                    .append(".$\": \"$.s\"}, \"Next\": \"S").append(i + 1).append("\"},");
        }
        states.append("\"S45\": {\"Type\": \"Succeed\"}");
        ExecutionResult r = run("{\"StartAt\": \"S0\", \"States\": {" + states + "}}",
                JsonNodeFactory.instance.objectNode().put("s", "y".repeat(250_000)).toString());
        assertEquals("States.DataLimitExceeded", r.error());
        assertTrue(r.cause().contains("10 MiB"), r.cause());
    }
}
