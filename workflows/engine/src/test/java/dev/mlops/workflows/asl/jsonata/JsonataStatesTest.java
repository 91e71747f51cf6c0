package dev.mlops.workflows.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.StubTaskResolver;
import dev.mlops.workflows.asl.eval.TaskHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.mlops.workflows.asl.Asl.assertOutput;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The data flow of each state type in the JSONata query language, and mixing with JSONPath states. */
class JsonataStatesTest {

    private static final String LAMBDA = "arn:aws:states:::lambda:invoke";

    private static ExecutionResult runTask(String definition, String input, TaskHandler handler) {
        return run(definition, input, new StubTaskResolver().on(LAMBDA, handler));
    }

    @Test
    void pass_outputDefaultsToTheInput_andOutputReplacesIt() {
        assertOutput("{\"a\": 1}", """
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""", "{\"a\": 1}");
        assertOutput("{\"sum\": 3, \"list\": [1, \"two\", {\"n\": 2}], \"literal\": \"$states.input\"}", """
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
                  "Output": {"sum": "{% $states.input.a + $states.input.b %}", "list": [1, "two", {"n": "{% $states.input.b %}"}],
                             "literal": "$states.input"}, "End": true}}}""", "{\"a\": 1, \"b\": 2}");
    }

    @Test
    void task_argumentsGoToTheHandler_outputDefaultsToTheResult() {
        List<JsonNode> seen = new ArrayList<>();
        ExecutionResult r = runTask("""
                {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Arguments": {"FunctionName": "f", "Payload": {"id": "{% $states.input.id %}"}}, "End": true}}}""",
                "{\"id\": 7}", req -> {
                    seen.add(req.input());
                    return json("{\"Payload\": {\"ok\": true}}");
                });
        assertEquals(json("{\"FunctionName\": \"f\", \"Payload\": {\"id\": 7}}"), seen.get(0));
        assertEquals(json("{\"Payload\": {\"ok\": true}}"), r.output());
    }

    @Test
    void task_outputAndAssignReadTheResult_andTheEntryVariables() {
        ExecutionResult r = runTask("""
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"n": 1}, "Next": "T"},
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Assign": {"n": "{% $n + $states.result.add %}"},
                        "Output": {"before": "{% $n %}", "input": "{% $states.input %}"}, "Next": "U"},
                  "U": {"Type": "Pass", "Output": {"after": "{% $n %}", "prev": "{% $states.input %}"}, "End": true}}}""",
                "{\"x\": 0}", req -> json("{\"add\": 10}"));
        assertEquals(json("{\"after\": 11, \"prev\": {\"before\": 1, \"input\": {\"x\": 0}}}"), r.output());
    }

    @Test
    void task_timeoutSecondsFromAnExpression() {
        ExecutionResult r = runTask("""
                {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "TimeoutSeconds": "{% $states.input.t %}", "End": true}}}""", "{\"t\": 5}", req -> {
                    req.work(java.time.Duration.ofSeconds(10));
                    return json("{}");
                });
        assertEquals("States.Timeout", r.error());
    }

    @Test
    void choice_conditionPicksTheRule_ruleOutputAndAssignApply() {
        String definition = """
                {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Output": {"via": "state"}, "Assign": {"who": "state"},
                        "Choices": [{"Condition": "{% $states.input.n > 10 %}", "Next": "Done",
                                     "Output": {"via": "rule"}, "Assign": {"who": "rule"}}],
                        "Default": "Done"},
                  "Done": {"Type": "Pass", "Output": {"in": "{% $states.input %}", "who": "{% $who %}"}, "End": true}}}""";
        assertOutput("{\"in\": {\"via\": \"rule\"}, \"who\": \"rule\"}", definition, "{\"n\": 11}");
        assertOutput("{\"in\": {\"via\": \"state\"}, \"who\": \"state\"}", definition, "{\"n\": 1}");
    }

    @Test
    void wait_secondsAndTimestampFromExpressions() {
        ExecutionResult seconds = run("""
                {"QueryLanguage": "JSONata", "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": "{% $states.input.s %}", "End": true}}}""",
                "{\"s\": 30}");
        assertEquals(30, java.time.Duration.between(seconds.startDate(), seconds.stopDate()).toSeconds());
        ExecutionResult until = run("""
                {"QueryLanguage": "JSONata", "StartAt": "W", "States": {"W": {"Type": "Wait", "Timestamp": "{% $states.input.at %}",
                  "Output": "{% $states.input.at %}", "End": true}}}""", "{\"at\": \"2026-01-01T00:01:00Z\"}");
        assertEquals(60, java.time.Duration.between(until.startDate(), until.stopDate()).toSeconds());
        assertEquals(json("\"2026-01-01T00:01:00Z\""), until.output());
    }

    @Test
    void succeedAndFail_fieldsFromExpressions() {
        assertOutput("\"done\"", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Succeed", "Output": "{% 'done' %}"}}}""", "{}");
        ExecutionResult r = run("""
                {"QueryLanguage": "JSONata", "StartAt": "F", "States": {"F": {"Type": "Fail",
                  "Error": "{% $states.input.code %}", "Cause": "{% 'because ' & $states.input.why %}"}}}""",
                "{\"code\": \"Bad\", \"why\": \"reasons\"}");
        assertEquals("Bad", r.error());
        assertEquals("because reasons", r.cause());
    }

    @Test
    void parallel_argumentsFeedEveryBranch_resultIsTheArrayOfOutputs() {
        assertOutput("{\"results\": [2, 20]}", """
                {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Parallel",
                  "Arguments": {"v": "{% $states.input.v * 2 %}"}, "Output": {"results": "{% $states.result %}"}, "End": true,
                  "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% $states.input.v %}", "End": true}}},
                    {"StartAt": "B", "States": {"B": {"Type": "Pass", "Output": "{% $states.input.v * 10 %}", "End": true}}}]}}}""",
                "{\"v\": 1}");
    }

    @Test
    void map_itemsAndItemSelector_withTheMapItemContext() {
        assertOutput("[\"0:a:x\", \"1:b:x\"]", """
                {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map",
                  "Items": "{% $states.input.list %}",
                  "ItemSelector": {"s": "{% $states.context.Map.Item.Index & ':' & $states.context.Map.Item.Value & ':' & $states.input.tag %}"},
                  "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Output": "{% $states.input.s %}", "End": true}}},
                  "End": true}}}""", "{\"list\": [\"a\", \"b\"], \"tag\": \"x\"}");
    }

    @Test
    void map_withoutItems_iteratesTheInputArray_andLiteralItemsWork() {
        assertOutput("[2, 4]", """
                {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": "{% 1 %}",
                  "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Output": "{% $states.input * 2 %}", "End": true}}},
                  "End": true}}}""", "[1, 2]");
        assertOutput("[1, 2]", """
                {"QueryLanguage": "JSONata", "StartAt": "M", "States": {"M": {"Type": "Map", "Items": [1, 2],
                  "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}, "End": true}}}""", "{}");
    }

    @Test
    void catch_outputAndAssignReadTheErrorOutput() {
        ExecutionResult r = runTask("""
                {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Assign": {"ok": true}, "End": true,
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H", "Assign": {"err": "{% $states.errorOutput.Error %}"},
                                   "Output": {"input": "{% $states.input %}", "cause": "{% $states.errorOutput.Cause %}"}}]},
                  "H": {"Type": "Pass", "Output": {"err": "{% $err %}", "in": "{% $states.input %}",
                        "ok": "{% $exists($ok) %}"}, "End": true}}}""", "{\"k\": 1}", req -> {
                    throw new AslError("Boom", "it broke");
                });
        assertEquals(json("{\"err\": \"Boom\", \"in\": {\"input\": {\"k\": 1}, \"cause\": \"it broke\"}, \"ok\": false}"), r.output());
        ExecutionResult defaultOutput = runTask("""
                {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}]},
                  "H": {"Type": "Succeed"}}}""", "{}", req -> {
                    throw new AslError("Boom", "it broke");
                });
        assertEquals(json("{\"Error\": \"Boom\", \"Cause\": \"it broke\"}"), defaultOutput.output());
    }

    @Test
    void mixing_oneJsonataStateInAJsonPathMachine_sharesVariables() {
        assertOutput("{\"fromJsonata\": 6, \"fromPath\": \"hi\"}", """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"greeting.$": "$.g"}, "Next": "B"},
                  "B": {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"six": "{% $length($greeting) * 3 %}"},
                        "Output": {"g": "{% $greeting %}"}, "Next": "C"},
                  "C": {"Type": "Pass", "Parameters": {"fromJsonata.$": "$six", "fromPath.$": "$.g"}, "End": true}}}""",
                "{\"g\": \"hi\"}");
    }

    @Test
    void context_isStatesContext() {
        assertOutput("{\"name\": \"S\", \"exec\": \"exec-1\", \"input\": {\"a\": 1}}", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass", "Output": {
                  "name": "{% $states.context.State.Name %}", "exec": "{% $states.context.Execution.Name %}",
                  "input": "{% $states.context.Execution.Input %}"}, "End": true}}}""", "{\"a\": 1}");
    }

    @Test
    void parallelBranches_readOuterVariables_assignmentsStayInside() {
        assertOutput("{\"inner\": [\"outer!\", \"outer\"], \"after\": \"outer\"}", """
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"v": "outer"}, "Next": "P"},
                  "P": {"Type": "Parallel", "Output": {"inner": "{% $states.result %}", "after": "{% $v %}"}, "End": true,
                        "Branches": [
                          {"StartAt": "X", "States": {"X": {"Type": "Pass", "Assign": {"v": "{% $v & '!' %}"}, "Next": "Y"},
                                                      "Y": {"Type": "Pass", "Output": "{% $v %}", "End": true}}},
                          {"StartAt": "Z", "States": {"Z": {"Type": "Pass", "Output": "{% $v %}", "End": true}}}]}}}""", "{}");
    }
}
