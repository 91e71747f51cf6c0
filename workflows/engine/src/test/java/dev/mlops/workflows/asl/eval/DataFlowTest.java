package dev.mlops.workflows.asl.eval;

import dev.mlops.workflows.asl.StatesErrors;
import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.assertOutput;
import static dev.mlops.workflows.asl.Asl.fixture;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static dev.mlops.workflows.asl.Asl.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * InputPath, Parameters, ResultSelector, ResultPath and OutputPath, in AWS's order, with the worked examples of the
 * States Language specification and the developer guide ("Processing input and output").
 */
class DataFlowTest {

    private static ExecutionResult runTask(String fields, String input, String result) {
        StubTaskResolver resolver = new StubTaskResolver().on("arn:aws:lambda:*", request -> json(result));
        return dev.mlops.workflows.asl.Asl.run(single("Task", "\"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:f\", " + fields),
                input, resolver);
    }

    @Test
    void inputPath_selectsSubtree_asInDeveloperGuideExample() {
        String input = "{\"comment\": \"Example for InputPath.\", \"dataset1\": {\"val1\": 1, \"val2\": 2, \"val3\": 3},"
                + " \"dataset2\": {\"val1\": \"a\", \"val2\": \"b\", \"val3\": \"c\"}}";
        assertOutput("{\"val1\": \"a\", \"val2\": \"b\", \"val3\": \"c\"}", single("Pass", "\"InputPath\": \"$.dataset2\""), input);
    }

    @Test
    void inputPath_null_givesEmptyObject() {
        assertOutput("{}", single("Pass", "\"InputPath\": null"), "{\"a\": 1}");
    }

    @Test
    void parameters_withPathsAndSlices_asInSpecificationExample() {
        // States Language, "Parameters": {"flagged": 7, "vals": [0, 10, 20, 30, 40, 50]}.
        String fields = "\"Parameters\": {\"flagged\": true, \"parts\": {\"first.$\": \"$.vals[0]\", \"last3.$\": \"$.vals[-3:]\"}}";
        assertOutput("{\"flagged\": true, \"parts\": {\"first\": 0, \"last3\": [30, 40, 50]}}",
                single("Pass", fields), "{\"flagged\": 7, \"vals\": [0, 10, 20, 30, 40, 50]}");
    }

    @Test
    void parameters_indexPastEndOfArray_isNull_butMissingFieldFails() {
        assertOutput("{\"x\": null}", single("Pass", "\"Parameters\": {\"x.$\": \"$.a[5]\"}"), "{\"a\": [1]}");
        assertEquals(StatesErrors.RUNTIME, run(single("Pass", "\"Parameters\": {\"x.$\": \"$.b[5]\"}"), "{\"a\": [1]}").error());
        assertEquals(StatesErrors.RUNTIME, run(single("Pass", "\"Parameters\": {\"x.$\": \"$.a[5].c\"}"), "{\"a\": [1]}").error());
    }

    @Test
    void parameters_insideArrays_areResolved() {
        assertOutput("{\"list\": [{\"v\": 1}, 2]}", single("Pass", "\"Parameters\": {\"list\": [{\"v.$\": \"$.a\"}, 2]}"), "{\"a\": 1}");
    }

    @Test
    void parameters_missingPath_isRuntimeErrorNamingField() {
        ExecutionResult r = run(single("Pass", "\"Parameters\": {\"x.$\": \"$.missing\"}"), "{}");
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals(StatesErrors.RUNTIME, r.error());
        assertEquals("An error occurred while executing the state 'S' (entered at the event id #2). The JSONPath '$.missing'"
                + " specified for the field 'x.$' could not be found in the input '{}'", r.cause());
    }

    @Test
    void resultPath_addsResultToInput_asInDeveloperGuideExample() {
        String input = "{\"comment\": \"This is a test of the input and output of a Task state.\", \"details\": \"Default example\", \"who\": \"AWS Step Functions\"}";
        ExecutionResult r = runTask("\"ResultPath\": \"$.taskresult\"", input, "\"Hello, AWS Step Functions!\"");
        assertEquals(json("{\"comment\": \"This is a test of the input and output of a Task state.\", \"details\": \"Default example\","
                + " \"who\": \"AWS Step Functions\", \"taskresult\": \"Hello, AWS Step Functions!\"}"), r.output());
    }

    @Test
    void resultPath_dollar_replacesInputWithResult() {
        assertEquals(json("\"done\""), runTask("\"ResultPath\": \"$\"", "{\"a\": 1}", "\"done\"").output());
    }

    @Test
    void resultPath_null_discardsResult() {
        assertEquals(json("{\"a\": 1}"), runTask("\"ResultPath\": null", "{\"a\": 1}", "\"done\"").output());
    }

    @Test
    void resultPath_nested_createsMissingObjectsAndReplacesExisting() {
        assertEquals(json("{\"a\": 1, \"x\": {\"y\": {\"z\": 5}}}"), runTask("\"ResultPath\": \"$.x.y.z\"", "{\"a\": 1}", "5").output());
        // States Language, "ResultPath": an existing field is overwritten.
        assertEquals(json("{\"master\": {\"detail\": \"Hello\", \"other\": 2}}"),
                runTask("\"ResultPath\": \"$.master.detail\"", "{\"master\": {\"detail\": [1, 2, 3], \"other\": 2}}", "\"Hello\"").output());
    }

    @Test
    void resultPath_intoNonObject_isRuntimeError() {
        ExecutionResult r = runTask("\"ResultPath\": \"$.a.b\"", "{\"a\": [1]}", "1");
        assertEquals(StatesErrors.RUNTIME, r.error());
        assertTrue(r.cause().contains("Unable to apply ResultPath '$.a.b'"), r.cause());
    }

    @Test
    void resultSelector_thenResultPath_asInDeveloperGuideEmrExample() {
        String result = "{\"resourceType\": \"elasticmapreduce\", \"resource\": \"createCluster.sync\", \"output\": {"
                + "\"SdkHttpMetadata\": {\"HttpHeaders\": {\"Content-Length\": \"1112\"}, \"HttpStatusCode\": 200},"
                + "\"SdkResponseMetadata\": {\"RequestId\": \"1234-5678-9012\"}, \"ClusterId\": \"AKIAIOSFODNN7EXAMPLE\"}}";
        ExecutionResult r = runTask("\"ResultSelector\": {\"ClusterId.$\": \"$.output.ClusterId\", \"ResourceType.$\": \"$.resourceType\"},"
                + " \"ResultPath\": \"$.EMROutput\"", "{\"OtherDataFromInput\": {}}", result);
        assertEquals(json("{\"OtherDataFromInput\": {}, \"EMROutput\": {\"ClusterId\": \"AKIAIOSFODNN7EXAMPLE\", \"ResourceType\": \"elasticmapreduce\"}}"),
                r.output());
    }

    @Test
    void outputPath_selectsFromCombinedOutput() {
        assertEquals(json("7"), runTask("\"ResultPath\": \"$.sum\", \"OutputPath\": \"$.sum\"", "{\"numbers\": {\"val1\": 3, \"val2\": 4}}", "7").output());
    }

    @Test
    void outputPath_null_givesEmptyObject() {
        assertOutput("{}", single("Pass", "\"OutputPath\": null"), "{\"a\": 1}");
    }

    @Test
    void outputPath_missing_isRuntimeError() {
        ExecutionResult r = run(single("Pass", "\"OutputPath\": \"$.nope\""), "{\"a\": 1}");
        assertEquals(StatesErrors.RUNTIME, r.error());
        assertEquals("An error occurred while executing the state 'S' (entered at the event id #2). Invalid path '$.nope' : No results for path: $['nope']",
                r.cause());
    }

    @Test
    void allFiveFields_applyInAwsOrder_fromFixture() {
        // InputPath picks $.lambda, Parameters wraps it, the task echoes, ResultSelector picks, ResultPath puts the
        // selection back into the raw input, OutputPath keeps part of it.
        StubTaskResolver echo = new StubTaskResolver().on("arn:aws:states:::lambda:invoke", TaskRequest::input);
        ExecutionResult r = dev.mlops.workflows.asl.Asl.run(fixture("data-flow.asl.json"),
                "{\"lambda\": {\"who\": \"AWS Step Functions\"}, \"keep\": 1}", echo);
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), r.cause());
        assertEquals(json("{\"keep\": 1, \"lambda\": {\"who\": \"AWS Step Functions\"}, \"taskresult\": {\"greeting\": \"AWS Step Functions\"}}"),
                r.output());
    }

    @Test
    void inputPath_fullJsonPath_filterGivesArray() {
        assertOutput("[{\"n\": 2}, {\"n\": 3}]", single("Pass", "\"InputPath\": \"$.items[?(@.n > 1)]\""),
                "{\"items\": [{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]}");
    }
}
