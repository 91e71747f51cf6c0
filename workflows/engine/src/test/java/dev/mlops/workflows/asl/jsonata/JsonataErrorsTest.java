package dev.mlops.workflows.asl.jsonata;

import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.StubTaskResolver;
import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.assertOutput;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static dev.mlops.workflows.asl.jsonata.JsonataFunctionsTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** States.QueryEvaluationError: evaluation failures, undefined results, wrong result types; causes in AWS's form. */
class JsonataErrorsTest {

    private static final String PREFIX = "An error occurred while executing the state 'S' (entered at the event id #2). ";

    @Test
    void undefinedInANestedArgument_namesTheFieldPath_asAwsReportsIt() {
        // The shape of a cause recorded from a real execution: the field is the path to the value inside Arguments.
        ExecutionResult r = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Run S3 Data Push", "States": {"Run S3 Data Push": {"Type": "Task",
                  "Resource": "arn:aws:states:::states:startExecution.sync:2",
                  "Arguments": {"StateMachineArn": "arn", "Input": {"pushLocation": "{% $states.input.pushLocation %}"}}, "End": true}}}""",
                "{}", new StubTaskResolver());
        assertEquals("States.QueryEvaluationError", r.error());
        assertEquals("An error occurred while executing the state 'Run S3 Data Push' (entered at the event id #2). The JSONata"
                + " expression '$states.input.pushLocation' specified for the field 'Arguments/Input/pushLocation' returned"
                + " nothing (undefined).", r.cause());
    }

    @Test
    void history_recordsEvaluationFailed_withTheFieldAndState() {
        ExecutionResult r = JsonataFunctionsTest.eval("$states.input.missing", "{}");
        java.util.List<String> types = r.history().stream().map(dev.mlops.workflows.asl.eval.HistoryEvent::type).toList();
        assertEquals(java.util.List.of("ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"), types);
        com.fasterxml.jackson.databind.node.ObjectNode details = r.history().get(2).details();
        assertEquals("Output", details.get("location").textValue());
        assertEquals("S", details.get("state").textValue());
        assertEquals("States.QueryEvaluationError", details.get("error").textValue());
        assertEquals(r.cause(), details.get("cause").textValue());
    }

    @Test
    void undefinedAtTheTop_andInsideAnArray() {
        assertEquals(PREFIX + "The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing"
                + " (undefined).", failure("$states.input.missing"));
        ExecutionResult r = run("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass",
                  "Output": {"list": [1, "{% $nothing %}"]}, "End": true}}}""", "{}");
        assertEquals(PREFIX + "The JSONata expression '$nothing' specified for the field 'Output/list[1]' returned nothing"
                + " (undefined).", r.cause());
    }

    @Test
    void undefinedInsideAnObjectConstructor_dropsTheKey_asJsonataDoes() {
        assertOutput("{\"b\": 1}", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass",
                  "Output": "{% {'a': $states.input.missing, 'b': 1} %}", "End": true}}}""", "{}");
        assertOutput("[1, 2]", """
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass",
                  "Output": "{% [1, $states.input.missing, 2] %}", "End": true}}}""", "{}");
    }

    @Test
    void evaluationError_carriesJsonatasCodeAndMessage() {
        assertEquals(PREFIX + "The JSONata expression ''a' + 1' specified for the field 'Output' threw an error during"
                + " evaluation. T2001: The left side of the \"+\" operator must evaluate to a number", failure("'a' + 1"));
    }

    @Test
    void conditionThatIsNotBoolean() {
        ExecutionResult r = run("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Choice",
                  "Choices": [{"Condition": "{% $states.input.flag %}", "Next": "D"}], "Default": "D"},
                  "D": {"Type": "Succeed"}}}""", "{\"flag\": \"yes\"}");
        assertEquals("States.QueryEvaluationError", r.error());
        assertEquals(PREFIX + "The JSONata expression '$states.input.flag' specified for the field 'Condition' returned an"
                + " unexpected result type. Expected 'boolean', but was 'string' for value: \"yes\"", r.cause());
    }

    @Test
    void itemsThatAreNotAnArray_andAMapInputThatIsNotAnArray() {
        ExecutionResult items = run("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Map", "Items": "{% $states.input %}",
                  "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}}}""", "{\"a\": 1}");
        assertEquals(PREFIX + "The JSONata expression '$states.input' specified for the field 'Items' returned an unexpected"
                + " result type. Expected 'array', but was 'object' for value: {\"a\":1}", items.cause());
        ExecutionResult input = run("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Map",
                  "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}}}""", "{\"a\": 1}");
        assertEquals("States.QueryEvaluationError", input.error());
    }

    @Test
    void wrongTypesForNumberAndStringFields() {
        ExecutionResult seconds = run("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Wait", "Seconds": "{% 'ten' %}", "End": true}}}""", "{}");
        assertEquals(PREFIX + "The JSONata expression ''ten'' specified for the field 'Seconds' returned an unexpected result"
                + " type. Expected 'number', but was 'string' for value: \"ten\"", seconds.cause());
        ExecutionResult negative = run("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Wait", "Seconds": "{% -1 %}", "End": true}}}""", "{}");
        assertEquals("States.QueryEvaluationError", negative.error());
        ExecutionResult error = run("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Fail", "Error": "{% 42 %}"}}}""", "{}");
        assertEquals("States.QueryEvaluationError", error.error());
    }

    @Test
    void queryEvaluationError_isCaughtByStatesAllAndByName() {
        for (String names : new String[]{"\"States.ALL\"", "\"States.QueryEvaluationError\""}) {
            ExecutionResult r = run("""
                    {"QueryLanguage": "JSONata", "StartAt": "S", "States": {
                      "S": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": "{% $missing %}",
                            "Catch": [{"ErrorEquals": [NAMES], "Next": "H"}], "End": true},
                      "H": {"Type": "Pass", "Output": "{% $states.input.Error %}", "End": true}}}""".replace("NAMES", names), "{}",
                    new StubTaskResolver().on("arn:aws:states:::lambda:invoke", req -> json("{}")));
            assertEquals(json("\"States.QueryEvaluationError\""), r.output(), names);
        }
    }

    @Test
    void assignOfAnUndefinedValue_failsNamingTheVariable() {
        ExecutionResult r = run("""
                {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "Pass",
                  "Assign": {"x": "{% $states.input.nope %}"}, "End": true}}}""", "{}");
        assertEquals(PREFIX + "The JSONata expression '$states.input.nope' specified for the field 'Assign/x' returned nothing"
                + " (undefined).", r.cause());
    }

    @Test
    void topLevelDollarAndBareFieldNames_readNothing() {
        assertEquals("States.QueryEvaluationError", JsonataFunctionsTest.eval("a", "{\"a\": 1}").error());
        assertEquals("States.QueryEvaluationError", JsonataFunctionsTest.eval("$", "{\"a\": 1}").error());
    }

    @Test
    void resultThatIsNotFinite_isAnError() {
        assertEquals("States.QueryEvaluationError", JsonataFunctionsTest.eval("1/0", "{}").error());
    }
}
