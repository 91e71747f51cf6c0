package dev.mlops.workflows.asl.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * ItemBatcher: groups items into child inputs {@code {"BatchInput": ..., "Items": [...]}} (BatchInput only when
 * given), closing a batch at MaxItemsPerBatch items or before it would pass MaxInputBytesPerBatch bytes of compact
 * JSON. An item that alone passes the byte limit gets a batch of its own.
 */
public final class ItemBatches {

    private ItemBatches() {
    }

    /**
     * @param items         the (selected) items
     * @param maxItems      MaxItemsPerBatch, or null
     * @param maxBytes      MaxInputBytesPerBatch, or null
     * @param batchInput    BatchInput, or null
     * @return the batches, each with the indexes of its items
     */
    public static List<Batch> of(List<JsonNode> items, Integer maxItems, Integer maxBytes, JsonNode batchInput) {
        int itemLimit = maxItems == null ? Integer.MAX_VALUE : maxItems;
        long byteLimit = maxBytes == null ? Long.MAX_VALUE : maxBytes;
        // {"BatchInput":...,"Items":[]} around the items, then a comma between items.
        long envelope = 12 + (batchInput == null ? 0 : 14 + bytes(batchInput));
        List<Batch> batches = new ArrayList<>();
        int start = 0;
        while (start < items.size()) {
            long size = envelope + bytes(items.get(start));
            int end = start + 1;
            while (end < items.size() && end - start < itemLimit) {
                long next = size + 1 + bytes(items.get(end));
                if (next > byteLimit) {
                    break;
                }
                size = next;
                end++;
            }
            batches.add(new Batch(start, end, input(items.subList(start, end), batchInput)));
            start = end;
        }
        return batches;
    }

    private static JsonNode input(List<JsonNode> items, JsonNode batchInput) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        if (batchInput != null) {
            input.set("BatchInput", batchInput);
        }
        ArrayNode array = input.putArray("Items");
        items.forEach(array::add);
        return input;
    }

    private static long bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * One child execution's input.
     *
     * @param from  the index of its first item
     * @param to    one past the index of its last item
     * @param input {@code {"BatchInput"?, "Items"}}
     */
    public record Batch(int from, int to, JsonNode input) {
        /** How many items it holds. */
        public int size() {
            return to - from;
        }
    }
}
