package dev.mlops.workflows.asl.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.StatesErrors;
import dev.mlops.workflows.asl.model.DistributedMap;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.mlops.workflows.asl.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** CSV, JSON and JSON Lines objects as items; ItemBatcher's limits. */
class ItemReadersTest {

    private static DistributedMap.ReaderConfig csv(DistributedMap.CsvHeaderLocation location, List<String> headers, char delimiter) {
        return new DistributedMap.ReaderConfig(DistributedMap.InputType.CSV, location, headers, delimiter, null, null);
    }

    private static ArrayNode read(String text, DistributedMap.ReaderConfig config, Integer maxItems) {
        return ItemReaders.parse(text.getBytes(StandardCharsets.UTF_8), config, maxItems);
    }

    @Test
    void csv_quotesEscapesCrlfAndShortRows() {
        ArrayNode items = read("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\"multi\nline\"\r\nlast,\n",
                csv(DistributedMap.CsvHeaderLocation.FIRST_ROW, List.of(), ','), null);
        assertEquals(json("[{\"a\": \"x,1\", \"b\": \"say \\\"hi\\\"\"}, {\"a\": \"multi\\nline\", \"b\": \"\"}, {\"a\": \"last\", \"b\": \"\"}]"), items);
    }

    @Test
    void csv_givenHeaders_firstRowIsData_maxItems() {
        ArrayNode items = read("1|2\n3|4\n5|6\n", csv(DistributedMap.CsvHeaderLocation.GIVEN, List.of("x", "y"), '|'), 2);
        assertEquals(json("[{\"x\": \"1\", \"y\": \"2\"}, {\"x\": \"3\", \"y\": \"4\"}]"), items);
    }

    @Test
    void csv_moreFieldsThanHeaders_itemReaderFailed() {
        AslError e = assertThrows(AslError.class, () -> read("a\n1,2\n", csv(DistributedMap.CsvHeaderLocation.FIRST_ROW, List.of(), ','), null));
        assertEquals(StatesErrors.ITEM_READER_FAILED, e.error());
    }

    @Test
    void json_mustBeAnArray() {
        DistributedMap.ReaderConfig config = new DistributedMap.ReaderConfig(DistributedMap.InputType.JSON, null, List.of(), ',', null, null);
        assertEquals(StatesErrors.ITEM_READER_FAILED, assertThrows(AslError.class, () -> read("{\"a\": 1}", config, null)).error());
    }

    @Test
    void batches_byItemsAndBytes() {
        List<JsonNode> items = List.of(json("\"aaaa\""), json("\"bbbb\""), json("\"cccc\""));
        assertEquals(List.of(2, 1), ItemBatches.of(items, 2, null, null).stream().map(ItemBatches.Batch::size).toList());
        // {"Items":[]} is 12 bytes, each item 6, a comma 1: 12+6+1+6 = 25 fits, a third item does not.
        assertEquals(List.of(2, 1), ItemBatches.of(items, null, 25, null).stream().map(ItemBatches.Batch::size).toList());
        assertEquals(List.of(1, 1, 1), ItemBatches.of(items, null, 24, null).stream().map(ItemBatches.Batch::size).toList());
        assertEquals(json("{\"Items\": [\"aaaa\", \"bbbb\"]}"), ItemBatches.of(items, null, 25, null).get(0).input());
        assertEquals(25, ItemBatches.of(items, null, 25, null).get(0).input().toString().length());
        JsonNode batchInput = json("{\"m\": 1}");
        assertEquals(ItemBatches.of(items, null, 40, batchInput).get(0).input().toString().length() <= 40, true);
    }
}
