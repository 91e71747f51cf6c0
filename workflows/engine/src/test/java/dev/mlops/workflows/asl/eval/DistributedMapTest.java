package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.StatesErrors;
import dev.mlops.workflows.asl.distributed.InMemoryObjectStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static dev.mlops.workflows.asl.Asl.T0;
import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DISTRIBUTED Map: ItemReader, ItemSelector, ItemBatcher, tolerated failures, ResultWriter, child executions. */
class DistributedMapTest {

    private static final String SCORE = "arn:aws:lambda:local:000000000000:function:score";

    private final InMemoryObjectStore s3 = new InMemoryObjectStore(Clock.fixed(T0, ZoneOffset.UTC));

    /** A machine with one DISTRIBUTED Map "Score" whose processor calls SCORE with its input. */
    private static String machine(String mapFields) {
        return "{\"StartAt\": \"Score\", \"States\": {\"Score\": {\"Type\": \"Map\", " + mapFields + ","
                + " \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"EXPRESS\"},"
                + " \"StartAt\": \"Call\", \"States\": {\"Call\": {\"Type\": \"Task\", \"Resource\": \"" + SCORE + "\","
                + " \"Parameters\": {\"in.$\": \"$\", \"execution.$\": \"$$.Execution.Id\"}, \"End\": true}}},"
                + " \"End\": true}}}";
    }

    /** The handler echoes its input; an item with {"fail": true} (or a batch holding one) fails. */
    private Engine engine(ExecutionClock clock) {
        return Engine.builder().clock(clock).random(new Random(3)).objectStore(s3)
                .resolver(new StubTaskResolver().on(SCORE, request -> {
                    if (request.input().get("in").toString().contains("\"fail\":true")) {
                        throw new AslError("Score.Failed", "bad row");
                    }
                    return request.input();
                })).build();
    }

    private ExecutionResult run(String definition, String input) {
        return engine(new VirtualClock(T0)).run(parse(definition), "batch-inference", "run-1", json(input));
    }

    @Test
    void csvFirstRow_itemsAreRowObjects_childrenAreOwnExecutions() {
        s3.put("data", "in/rows.csv", "id,score\n1,0.5\n2,\"0,7\"\n");
        ExecutionResult r = run(machine("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\","
                + " \"ReaderConfig\": {\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"FIRST_ROW\"},"
                + " \"Parameters\": {\"Bucket\": \"data\", \"Key.$\": \"$.key\"}},"
                + " \"ItemSelector\": {\"row.$\": \"$$.Map.Item.Value\", \"index.$\": \"$$.Map.Item.Index\", \"run.$\": \"$.run\"}"),
                "{\"key\": \"in/rows.csv\", \"run\": 7}");
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), r::cause);
        assertEquals(2, r.output().size());
        assertEquals(json("{\"row\": {\"id\": \"2\", \"score\": \"0,7\"}, \"index\": 1, \"run\": 7}"), r.output().get(1).get("in"));
        String child = r.output().get(0).get("execution").asText();
        assertTrue(child.startsWith("arn:aws:states:local:000000000000:execution:batch-inference/Score:"), child);
        List<String> types = r.history().stream().map(HistoryEvent::type).toList();
        assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapRunStarted", "MapRunSucceeded", "MapStateExited",
                "ExecutionSucceeded"), types);
        assertTrue(r.history().get(2).details().get("mapRunArn").asText()
                .startsWith("arn:aws:states:local:000000000000:mapRun:batch-inference/Score:"));
    }

    @Test
    void childContext_hasMapItem() {
        String def = "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemsPath\": \"$.items\", \"Label\": \"Each\","
                + " \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"},"
                + " \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Parameters\": {\"item.$\": \"$$.Map.Item\","
                + " \"name.$\": \"$$.StateMachine.Name\"}, \"End\": true}}}, \"End\": true}}}";
        ExecutionResult r = run(def, "{\"items\": [\"a\", \"b\"]}");
        assertEquals(json("{\"item\": {\"Index\": 1, \"Value\": \"b\"}, \"name\": \"batch-inference/Each\"}"), r.output().get(1));
    }

    @Test
    void jsonLinesWithMaxItems_andJsonArray() {
        s3.put("data", "a.jsonl", "{\"k\": 1}\n{\"k\": 2}\n\n{\"k\": 3}\n");
        s3.put("data", "a.json", "[{\"k\": 1}, {\"k\": 2}]");
        ExecutionResult lines = run(machine("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\","
                + " \"ReaderConfig\": {\"InputType\": \"JSONL\", \"MaxItems\": 2}, \"Parameters\": {\"Bucket\": \"data\", \"Key\": \"a.jsonl\"}}"), "{}");
        assertEquals(List.of(1, 2), lines.output().findValues("k").stream().map(JsonNode::asInt).toList());
        ExecutionResult array = run(machine("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\","
                + " \"ReaderConfig\": {\"InputType\": \"JSON\"}, \"Parameters\": {\"Bucket\": \"data\", \"Key\": \"a.json\"}}"), "{}");
        assertEquals(2, array.output().size());
    }

    @Test
    void listObjectsV2_itemsDescribeObjects() {
        s3.put("data", "in/b.csv", "x");
        s3.put("data", "in/a.csv", "xyz");
        s3.put("data", "other/c.csv", "x");
        ExecutionResult r = run(machine("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:listObjectsV2\","
                + " \"Parameters\": {\"Bucket\": \"data\", \"Prefix\": \"in/\"}}"), "{}");
        JsonNode first = r.output().get(0).get("in");
        assertEquals("in/a.csv", first.get("Key").asText());
        assertEquals(3, first.get("Size").asInt());
        assertEquals(T0.getEpochSecond(), first.get("LastModified").asLong());
        assertEquals("STANDARD", first.get("StorageClass").asText());
        assertTrue(first.get("Etag").asText().startsWith("\""));
        assertEquals(2, r.output().size());
    }

    @Test
    void itemBatcher_childGetsBatchInputAndItems() {
        ExecutionResult r = run(machine("\"ItemsPath\": \"$.items\", \"ItemBatcher\": {\"MaxItemsPerBatch\": 2,"
                + " \"BatchInput\": {\"model.$\": \"$.model\"}}"), "{\"model\": \"m\", \"items\": [1, 2, 3]}");
        assertEquals(2, r.output().size());
        assertEquals(json("{\"BatchInput\": {\"model\": \"m\"}, \"Items\": [1, 2]}"), r.output().get(0).get("in"));
        assertEquals(json("{\"BatchInput\": {\"model\": \"m\"}, \"Items\": [3]}"), r.output().get(1).get("in"));
    }

    @Test
    void oneFailureWithinTolerance_resultWriterWritesManifestAndFiles() {
        ExecutionResult r = run(machine("\"ItemsPath\": \"$.items\", \"ToleratedFailureCount\": 1,"
                + " \"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\", \"Parameters\": {\"Bucket\": \"out\", \"Prefix\": \"runs\"}}"),
                "{\"items\": [{\"k\": 1}, {\"fail\": true}, {\"k\": 3}]}");
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), r::cause);
        String mapRunArn = r.output().get("MapRunArn").asText();
        String mapRunId = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
        assertEquals(json("{\"Bucket\": \"out\", \"Key\": \"runs/" + mapRunId + "/manifest.json\"}"), r.output().get("ResultWriterDetails"));
        JsonNode manifest = json(s3.text("out", "runs/" + mapRunId + "/manifest.json").orElseThrow());
        assertEquals("out", manifest.get("DestinationBucket").asText());
        assertEquals(mapRunArn, manifest.get("MapRunArn").asText());
        assertEquals(0, manifest.get("ResultFiles").get("PENDING").size());
        assertEquals("runs/" + mapRunId + "/SUCCEEDED_0.json", manifest.get("ResultFiles").get("SUCCEEDED").get(0).get("Key").asText());
        JsonNode succeeded = json(s3.text("out", "runs/" + mapRunId + "/SUCCEEDED_0.json").orElseThrow());
        assertEquals(2, succeeded.size());
        assertEquals("SUCCEEDED", succeeded.get(0).get("Status").asText());
        assertEquals(json("{\"k\": 1}"), json(succeeded.get(0).get("Input").asText()));
        assertTrue(succeeded.get(0).get("Output").isTextual());
        JsonNode failed = json(s3.text("out", "runs/" + mapRunId + "/FAILED_0.json").orElseThrow());
        assertEquals("Score.Failed", failed.get(0).get("Error").asText());
        assertEquals("bad row", failed.get(0).get("Cause").asText());
        assertEquals(manifest.get("ResultFiles").get("FAILED").get(0).get("Size").asInt(),
                s3.get("out", "runs/" + mapRunId + "/FAILED_0.json").orElseThrow().length);
    }

    @Test
    void failuresBeyondTolerance_exceedToleratedFailureThreshold_restPending() {
        ExecutionResult r = run(machine("\"ItemsPath\": \"$.items\", \"ToleratedFailurePercentage\": 20,"
                + " \"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\", \"Parameters\": {\"Bucket\": \"out\", \"Prefix\": \"runs/\"}}"),
                "{\"items\": [{\"fail\": true}, {\"k\": 2}, {\"k\": 3}]}");
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals(StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD, r.error());
        String key = s3.list("out", "runs/").stream().map(o -> o.key()).filter(k -> k.endsWith("PENDING_0.json")).findFirst().orElseThrow();
        assertEquals(2, json(s3.text("out", key).orElseThrow()).size(), "33% failed after the first item: the rest never started");
        assertTrue(r.history().stream().anyMatch(e -> e.type().equals("MapRunFailed")));
    }

    @Test
    void toleranceFromPaths() {
        ExecutionResult r = run(machine("\"ItemsPath\": \"$.items\", \"ToleratedFailureCountPath\": \"$.limits.count\","
                + " \"ToleratedFailurePercentagePath\": \"$.limits.pct\""),
                "{\"limits\": {\"count\": 0, \"pct\": 50}, \"items\": [{\"fail\": true}, {\"k\": 2}, {\"k\": 3}]}");
        assertEquals(StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD, r.error(), "a count of 0 is exceeded by one failure");
    }

    @Test
    void noToleranceGiven_anyFailureFails_andIsCatchable() {
        String def = "{\"StartAt\": \"Score\", \"States\": {\"Score\": {\"Type\": \"Map\", \"ItemsPath\": \"$.items\","
                + " \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"},"
                + " \"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"E\"}}},"
                + " \"Catch\": [{\"ErrorEquals\": [\"States.ExceedToleratedFailureThreshold\"], \"Next\": \"Caught\"}], \"End\": true},"
                + " \"Caught\": {\"Type\": \"Pass\", \"End\": true}}}";
        ExecutionResult r = run(def, "{\"items\": [1]}");
        assertEquals(StatesErrors.EXCEED_TOLERATED_FAILURE_THRESHOLD, r.output().get("Error").asText());
    }

    @Test
    void failedChildWithoutResultWriter_isReturnedAsItsExecution() {
        ExecutionResult r = run(machine("\"ItemsPath\": \"$.items\", \"ToleratedFailurePercentage\": 100"),
                "{\"items\": [{\"fail\": true}]}");
        assertEquals("FAILED", r.output().get(0).get("Status").asText());
        assertEquals("Score.Failed", r.output().get(0).get("Error").asText());
    }

    @Test
    void missingObject_itemReaderFailed() {
        ExecutionResult r = run(machine("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\","
                + " \"ReaderConfig\": {\"InputType\": \"JSON\"}, \"Parameters\": {\"Bucket\": \"data\", \"Key\": \"none.json\"}}"), "{}");
        assertEquals(StatesErrors.ITEM_READER_FAILED, r.error());
        assertTrue(r.cause().contains("s3://data/none.json"), r.cause());
    }

    @Test
    void realClock_maxConcurrency_keepsItemOrder() {
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 40; i++) {
            items.append(i == 0 ? "" : ",").append("{\"k\": ").append(i).append('}');
        }
        String def = machine("\"ItemsPath\": \"$.items\", \"MaxConcurrency\": 4");
        ExecutionResult r = engine(new RealClock(Clock.systemUTC())).run(parse(def), "batch-inference", "real", json("{\"items\": " + items + "]}"));
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), r::cause);
        for (int i = 0; i < 40; i++) {
            assertEquals(i, r.output().get(i).get("in").get("k").asInt());
        }
    }
}
