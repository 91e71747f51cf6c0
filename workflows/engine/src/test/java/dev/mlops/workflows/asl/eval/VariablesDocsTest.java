package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlops.workflows.asl.AslError;
import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.assertOutput;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Conformance with the developer guide page "Passing data between states with variables": its examples and the
 * rules it states (evaluation order, scope, limits), in both query languages.
 */
class VariablesDocsTest {

    /** Step 1 stores data in a variable; step 5 uses it, the steps between pass other data. */
    @Test
    void storeInStepOne_useInStepFive() {
        assertOutput("{\"fromStep1\": {\"api\": \"data\"}, \"lastOutput\": 4}", """
                {"QueryLanguage": "JSONata", "StartAt": "Step1", "States": {
                  "Step1": {"Type": "Pass", "Assign": {"x": "{% $states.input %}"}, "Output": 1, "Next": "Step2"},
                  "Step2": {"Type": "Pass", "Output": 2, "Next": "Step3"},
                  "Step3": {"Type": "Pass", "Output": 3, "Next": "Step4"},
                  "Step4": {"Type": "Pass", "Output": 4, "Next": "Step5"},
                  "Step5": {"Type": "Pass", "Output": {"fromStep1": "{% $x %}", "lastOutput": "{% $states.input %}"}, "End": true}}}""",
                "{\"api\": \"data\"}");
    }

    /** Assign takes literal values of any JSON type as well as expressions (JSONata) or .$ paths (JSONPath). */
    @Test
    void assignLiteralsAndExpressions_inBothLanguages() {
        String expected = "{\"productName\": \"product1\", \"count\": 42, \"available\": true, \"inputCount\": 3}";
        assertOutput(expected, """
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"productName": "product1", "count": 42, "available": true,
                        "inputCount": "{% $states.input.count %}"}, "Next": "B"},
                  "B": {"Type": "Pass", "Output": {"productName": "{% $productName %}", "count": "{% $count %}",
                        "available": "{% $available %}", "inputCount": "{% $inputCount %}"}, "End": true}}}""", "{\"count\": 3}");
        assertOutput(expected, """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"productName": "product1", "count": 42, "available": true,
                        "inputCount.$": "$.count"}, "Next": "B"},
                  "B": {"Type": "Pass", "Parameters": {"productName.$": "$productName", "count.$": "$count",
                        "available.$": "$available", "inputCount.$": "$inputCount"}, "End": true}}}""", "{\"count\": 3}");
    }

    /** All of Assign is evaluated with the values on entry: assigning a from b and b from a swaps them. */
    @Test
    void assignmentsAreSimultaneous_soTwoVariablesSwap() {
        assertOutput("{\"a\": 2, \"b\": 1}", """
                {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"a": 1, "b": 2}, "Next": "Swap"},
                  "Swap": {"Type": "Pass", "Assign": {"a": "{% $b %}", "b": "{% $a %}"}, "Next": "Show"},
                  "Show": {"Type": "Pass", "Output": {"a": "{% $a %}", "b": "{% $b %}"}, "End": true}}}""", "{}");
    }

    /** Output is evaluated with the values on entry too: a state's new values show from the next state on. */
    @Test
    void outputSeesTheValuesOnEntry_notTheStatesOwnAssign() {
        assertOutput("{\"inState\": \"old\", \"next\": \"new\"}", """
                {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"v": "old"}, "Next": "Change"},
                  "Change": {"Type": "Pass", "Assign": {"v": "new"}, "Output": {"inState": "{% $v %}"}, "Next": "Show"},
                  "Show": {"Type": "Pass", "Output": {"inState": "{% $states.input.inState %}", "next": "{% $v %}"}, "End": true}}}""", "{}");
    }

    /** Inner scopes (Parallel branches, Map iterations) read outer variables; only Output carries data out. */
    @Test
    void innerScopesReadOuterVariables_butAssignNothingOutside() {
        assertOutput("{\"results\": [\"outer/1\", \"outer/2\"], \"total\": \"outer\"}", """
                {"QueryLanguage": "JSONata", "StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"scope": "outer"}, "Next": "Each"},
                  "Each": {"Type": "Map", "Items": [1, 2], "Next": "Show",
                    "ItemProcessor": {"StartAt": "Inner", "States": {
                      "Inner": {"Type": "Pass", "Assign": {"scope": "{% $scope & '/' & $states.input %}"}, "Next": "Out"},
                      "Out": {"Type": "Pass", "Output": "{% $scope %}", "End": true}}}},
                  "Show": {"Type": "Pass", "Output": {"results": "{% $states.input %}", "total": "{% $scope %}"}, "End": true}}}""", "{}");
    }

    /** Catchers can assign too; $states.errorOutput holds Error and Cause. */
    @Test
    void catcherAssign() {
        ExecutionResult r = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"failure": "{% $states.errorOutput %}"}, "Next": "Report"}]},
                  "Report": {"Type": "Pass", "Output": "{% $failure.Error %}", "End": true}}}""", "{}",
                new StubTaskResolver().on("arn:aws:states:::lambda:invoke", req -> {
                    throw new AslError("Lambda.Unknown", "bad");
                }));
        assertEquals(json("\"Lambda.Unknown\""), r.output());
    }

    /** "You can also specify an Assign block at the state level, which applies regardless of which choice rule matches." */
    @Test
    void choiceStateLevelAssign_appliesWhicheverRuleMatches() {
        String definition = """
                {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Assign": {"checked": true},
                    "Choices": [{"Condition": "{% $states.input.n < 0 %}", "Assign": {"sign": "negative"}, "Next": "Show"},
                                {"Condition": "{% $states.input.n >= 0 %}", "Assign": {"sign": "positive"}, "Next": "Show"}]},
                  "Show": {"Type": "Pass", "Output": {"checked": "{% $checked %}", "sign": "{% $sign %}"}, "End": true}}}""";
        assertOutput("{\"checked\": true, \"sign\": \"negative\"}", definition, "{\"n\": -1}");
        assertOutput("{\"checked\": true, \"sign\": \"positive\"}", definition, "{\"n\": 1}");
    }

    /** "The maximum size of a single variable is 256 KiB." */
    @Test
    void singleVariableLimit() {
        String half = "x".repeat(140_000);
        ExecutionResult r = run("""
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass",
                  "Assign": {"big": "{% $states.input.s & $states.input.s %}"}, "End": true}}}""",
                JsonNodeFactory.instance.objectNode().put("s", half).toString());
        assertEquals("States.DataLimitExceeded", r.error());
    }

    /** The combined size of the values of one Assign is limited to 256 KiB as well. */
    @Test
    void oneAssignLimit() {
        String part = "x".repeat(100_000);
        ExecutionResult r = run("""
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass",
                  "Assign": {"a": "{% $states.input.s %}", "b": "{% $states.input.s %}", "c": "{% $states.input.s %}"}, "End": true}}}""",
                JsonNodeFactory.instance.objectNode().put("s", part).toString());
        assertEquals("States.DataLimitExceeded", r.error());
    }

    /** A variable that was never assigned: JSONata reads undefined, JSONPath paths fail. */
    @Test
    void unassignedVariables() {
        assertOutput("false", """
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $exists($never) %}", "End": true}}}""", "{}");
        assertEquals("States.QueryEvaluationError", run("""
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $never %}", "End": true}}}""", "{}").error());
        assertEquals("States.Runtime", run("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"v.$": "$never"}, "End": true}}}""", "{}").error());
    }
}
