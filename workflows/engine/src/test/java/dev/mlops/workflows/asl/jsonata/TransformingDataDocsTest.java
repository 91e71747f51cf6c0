package dev.mlops.workflows.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.StubTaskResolver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.mlops.workflows.asl.Asl.assertOutput;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static dev.mlops.workflows.asl.jsonata.JsonataFunctionsTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Conformance with the developer guide page "Transforming data with JSONata in Step Functions": its examples that
 * state an output, and the rules it states about expressions.
 */
class TransformingDataDocsTest {

    /** "Given input { "title" : "Doctor" } and variable customerName assigned to "María", both state machines..." */
    @Test
    void conversionFromJsonPathToJsonata_bothProduceTheSameArguments() {
        String expected = "{\"static\": \"Hello\", \"title\": \"Doctor\", \"name\": \"María\", \"not-evaluated\": \"$customerName\"}";
        String jsonPath = """
                {"StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"customerName": "María"}, "Next": "Call"},
                  "Call": {"QueryLanguage": "JSONPath", "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Parameters": {"static": "Hello", "title.$": "$.title", "name.$": "$customerName",
                                   "not-evaluated": "$customerName"}, "End": true}}}""";
        String jsonata = """
                {"StartAt": "Init", "States": {
                  "Init": {"Type": "Pass", "Assign": {"customerName": "María"}, "Next": "Call"},
                  "Call": {"QueryLanguage": "JSONata", "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                    "Arguments": {"static": "Hello", "title": "{% $states.input.title %}", "name": "{% $customerName %}",
                                  "not-evaluated": "$customerName"}, "End": true}}}""";
        for (String definition : List.of(jsonPath, jsonata)) {
            List<JsonNode> arguments = new ArrayList<>();
            run(definition, "{\"title\": \"Doctor\"}", new StubTaskResolver().on("arn:aws:states:::lambda:invoke", req -> {
                arguments.add(req.input());
                return json("{}");
            }));
            assertEquals(json(expected), arguments.get(0));
        }
    }

    /** "$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)" gives [[1, 2, 3], [4, 5, 6], [7, 8, 9]]. */
    @Test
    void partitionExample() {
        assertEquals(json("[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"), value("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)"));
    }

    /** "$range(0, 10, 2)" gives [0, 2, 4, 6, 8, 10]. */
    @Test
    void rangeExample() {
        assertEquals(json("[0, 2, 4, 6, 8, 10]"), value("$range(0, 10, 2)"));
    }

    /** $hash with each algorithm the page lists: MD5, SHA-1, SHA-256, SHA-384, SHA-512. */
    @Test
    void hashExample_contentHash() {
        assertOutput("{\"contentHash\": \"185f8db32271fe25f561a6fc938b2e264306ec304eda518007d1764826381969\"}", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass",
                  "Assign": {"contentHash": "{% $hash($states.input.content, 'SHA-256') %}"},
                  "Output": {"contentHash": "{% $hash($states.input.content, 'SHA-256') %}"}, "End": true}}}""",
                "{\"content\": \"Hello\"}");
    }

    /** "$parse" turns stringified JSON into an object; "$eval is not available—use $parse instead". */
    @Test
    void parseExample_andEvalIsNotAvailable() {
        assertOutput("{\"foo\": \"bar\"}", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass",
                  "Output": "{% $parse($states.input.json_string) %}", "End": true}}}""",
                "{\"json_string\": \"{\\\"foo\\\": \\\"bar\\\"}\"}");
        assertEquals("States.QueryEvaluationError", JsonataFunctionsTest.eval("$eval('1')", "{}").error());
    }

    /** "Output also accepts a JSONata expression directly"; any JSON value; strings without {% %} are literals. */
    @Test
    void output_acceptsAnyJsonValue_andAWholeExpression() {
        assertOutput("[1, true, null, \"text\", {\"n\": 2}]", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass",
                  "Output": [1, true, null, "text", {"n": "{% 1 + 1 %}"}], "End": true}}}""", "{}");
        assertOutput("\"Doctor María\"", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass",
                  "Output": "{% $states.input.title & ' ' & $states.input.name %}", "End": true}}}""",
                "{\"title\": \"Doctor\", \"name\": \"María\"}");
        assertOutput("null", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass", "Output": "{% null %}", "End": true}}}""", "{}");
    }

    /** The expression string must start with {% and end with %}: with a space before, it is a literal string. */
    @Test
    void delimiters_mustEnclosTheWholeString() {
        assertOutput("{\"a\": \" {% 1 %}\", \"b\": \"x {% 1 %}\"}", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass",
                  "Output": {"a": " {% 1 %}", "b": "x {% 1 %}"}, "End": true}}}""", "{}");
    }

    /** $states.context holds the context object; "$states.context.Execution.Input" is the execution's input. */
    @Test
    void statesContext_executionInput() {
        assertOutput("{\"original\": {\"a\": 1}}", """
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Output": {"changed": true}, "Next": "B"},
                  "B": {"Type": "Pass", "Output": {"original": "{% $states.context.Execution.Input %}"}, "End": true}}}""",
                "{\"a\": 1}");
    }

    /** "Task ... Output default: $states.result"; "Catch ... default: $states.errorOutput" (see JsonataStatesTest). */
    @Test
    void taskOutputDefault_isTheResult() {
        ExecutionResult r = run("""
                {"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"x": 1}, "End": true}}}""", "{\"ignored\": true}",
                new StubTaskResolver().on("arn:aws:states:::lambda:invoke", req -> json("{\"result\": 2}")));
        assertEquals(json("{\"result\": 2}"), r.output());
    }
}
