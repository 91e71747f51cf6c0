package dev.mlops.workflows.asl.parse;

import dev.mlops.workflows.asl.model.DistributedMap;
import dev.mlops.workflows.asl.model.State;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DISTRIBUTED Map's fields: parsed into {@link DistributedMap}, bad combinations reported. */
class DistributedMapParserTest {

    private static final String PROCESSOR = "\"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"},"
            + " \"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Succeed\"}}}";

    private static String map(String fields) {
        return "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", " + PROCESSOR + (fields.isEmpty() ? "" : ", " + fields)
                + ", \"End\": true}}}";
    }

    private static void assertProblem(String definition, String field, String messagePart) {
        DefinitionException e = assertThrows(DefinitionException.class, () -> AslParser.parse(definition));
        assertTrue(e.problems().stream().anyMatch(p -> field.equals(p.field()) && p.message().contains(messagePart)),
                () -> "expected " + field + " '" + messagePart + "' in " + e.problems());
    }

    @Test
    void csvReader_batcher_writer_tolerance_parsed() {
        State.Map m = (State.Map) AslParser.parse(map("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\","
                + " \"ReaderConfig\": {\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"GIVEN\", \"CSVHeaders\": [\"a\", \"b\"], \"MaxItems\": 10},"
                + " \"Parameters\": {\"Bucket\": \"b\", \"Key.$\": \"$.key\"}},"
                + " \"ItemBatcher\": {\"MaxItemsPerBatch\": 5, \"BatchInput\": {\"run.$\": \"$.run\"}},"
                + " \"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\", \"Parameters\": {\"Bucket\": \"b\", \"Prefix\": \"out\"}},"
                + " \"ToleratedFailurePercentage\": 5, \"ToleratedFailureCount\": 1, \"Label\": \"Score\", \"MaxConcurrency\": 4")).state("M");
        DistributedMap d = m.distributed();
        assertEquals(DistributedMap.ExecutionType.STANDARD, d.executionType());
        assertEquals(DistributedMap.InputType.CSV, d.itemReader().config().inputType());
        assertEquals(DistributedMap.CsvHeaderLocation.GIVEN, d.itemReader().config().headerLocation());
        assertEquals(List.of("a", "b"), d.itemReader().config().csvHeaders());
        assertEquals(10, d.itemReader().config().maxItems());
        assertEquals(5, d.itemBatcher().maxItemsPerBatch());
        assertEquals(1, d.toleratedFailureCount());
        assertEquals(5.0, d.toleratedFailurePercentage());
        assertEquals("Score", d.label());
        assertEquals(4, m.maxConcurrency());
    }

    @Test
    void inlineMap_hasNoDistributedPart() {
        State.Map m = (State.Map) AslParser.parse("{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\","
                + " \"ItemProcessor\": {\"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Succeed\"}}}, \"End\": true}}}").state("M");
        assertNull(m.distributed());
    }

    @Test
    void badCombinations_areReported() {
        assertProblem(map("\"ItemsPath\": \"$.items\", \"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:listObjectsV2\", \"Parameters\": {\"Bucket\": \"b\"}}"),
                "ItemsPath", "mutually exclusive");
        assertProblem(map("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"GIVEN\"}, \"Parameters\": {\"Bucket\": \"b\", \"Key\": \"k\"}}"),
                "CSVHeaders", "is required with CSVHeaderLocation GIVEN");
        assertProblem(map("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\": \"CSV\", \"CSVHeaderLocation\": \"FIRST_ROW\", \"CSVHeaders\": [\"a\"]}, \"Parameters\": {\"Bucket\": \"b\", \"Key\": \"k\"}}"),
                "CSVHeaders", "only allowed with CSVHeaderLocation GIVEN");
        assertProblem(map("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"ReaderConfig\": {\"InputType\": \"XML\"}, \"Parameters\": {\"Bucket\": \"b\", \"Key\": \"k\"}}"),
                "InputType", "expected one of");
        assertProblem(map("\"ItemReader\": {\"Resource\": \"arn:aws:states:::dynamodb:scan\", \"Parameters\": {}}"), "Resource", "expected arn:aws:states:::s3:getObject");
        assertProblem(map("\"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:getObject\", \"Parameters\": {\"Bucket\": \"b\"}}"), "Resource", "s3:putObject");
        assertProblem(map("\"ToleratedFailurePercentage\": 101"), "ToleratedFailurePercentage", "0 to 100");
        assertProblem(map("\"ToleratedFailureCount\": 1, \"ToleratedFailureCountPath\": \"$.n\""), "ToleratedFailureCountPath", "mutually exclusive");
        assertProblem(map("\"ItemBatcher\": {\"BatchInput\": {}}"), "ItemBatcher", "needs MaxItemsPerBatch");
        assertProblem(map("\"ItemBatcher\": {\"MaxInputBytesPerBatch\": 300000}"), "MaxInputBytesPerBatch", "at most 262144");
        assertProblem(map("").replace("STANDARD", "FAST"), "ExecutionType", "STANDARD or EXPRESS");
    }
}
