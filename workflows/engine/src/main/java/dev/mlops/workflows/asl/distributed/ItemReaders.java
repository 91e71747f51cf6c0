package dev.mlops.workflows.asl.distributed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.StatesErrors;
import dev.mlops.workflows.asl.model.DistributedMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what an ItemReader reads into items, as Step Functions does: CSV rows into objects of strings keyed by the
 * header (from the first row, or CSVHeaders), a JSON array into its elements, JSON Lines into one item per line,
 * and a listing into {@code {Etag, Key, LastModified, Size, StorageClass}} objects (LastModified in epoch seconds).
 * Every failure is {@code States.ItemReaderFailed}.
 */
public final class ItemReaders {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ItemReaders() {
    }

    /**
     * The items of an object read with {@code s3:getObject}.
     *
     * @param maxItems at most this many items (null: all)
     */
    public static ArrayNode parse(byte[] content, DistributedMap.ReaderConfig config, Integer maxItems) {
        int limit = maxItems == null || maxItems == 0 ? Integer.MAX_VALUE : maxItems;
        String text = new String(content, StandardCharsets.UTF_8);
        return switch (config.inputType()) {
            case CSV -> csv(text, config, limit);
            case JSON -> json(text, limit);
            case JSONL -> jsonLines(text, limit);
        };
    }

    /** The items of a listing. */
    public static ArrayNode listing(List<ObjectSummary> objects, Integer maxItems) {
        int limit = maxItems == null || maxItems == 0 ? Integer.MAX_VALUE : maxItems;
        ArrayNode items = JSON.createArrayNode();
        for (ObjectSummary o : objects) {
            if (items.size() >= limit) {
                break;
            }
            ObjectNode item = items.addObject();
            item.put("Etag", o.etag());
            item.put("Key", o.key());
            item.put("LastModified", o.lastModified().getEpochSecond());
            item.put("Size", o.size());
            item.put("StorageClass", o.storageClass());
        }
        return items;
    }

    private static ArrayNode csv(String text, DistributedMap.ReaderConfig config, int limit) {
        CsvRows rows = new CsvRows(text, config.csvDelimiter());
        List<String> headers = config.headerLocation() == DistributedMap.CsvHeaderLocation.GIVEN ? config.csvHeaders()
                : rows.next();
        if (headers == null) {
            throw failed("the CSV object is empty: no header row");
        }
        ArrayNode items = JSON.createArrayNode();
        List<String> row;
        while (items.size() < limit && (row = rows.next()) != null) {
            if (row.size() > headers.size()) {
                throw failed("CSV row " + rows.rowNumber() + " has " + row.size() + " fields, more than the "
                        + headers.size() + " headers");
            }
            ObjectNode item = items.addObject();
            for (int i = 0; i < headers.size(); i++) {
                item.put(headers.get(i), i < row.size() ? row.get(i) : "");
            }
        }
        return items;
    }

    private static ArrayNode json(String text, int limit) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw failed("the object is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isArray()) {
            throw failed("the JSON object must be an array of items");
        }
        ArrayNode items = JSON.createArrayNode();
        for (int i = 0; i < node.size() && i < limit; i++) {
            items.add(node.get(i));
        }
        return items;
    }

    private static ArrayNode jsonLines(String text, int limit) {
        ArrayNode items = JSON.createArrayNode();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length && items.size() < limit; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                items.add(JSON.readTree(lines[i]));
            } catch (JsonProcessingException e) {
                throw failed("line " + (i + 1) + " is not JSON: " + e.getOriginalMessage());
            }
        }
        return items;
    }

    private static AslError failed(String detail) {
        return new AslError(StatesErrors.ITEM_READER_FAILED, "The ItemReader could not read the items: " + detail);
    }

    /** RFC 4180 rows: quoted fields may hold delimiters, doubled quotes and line breaks; empty lines are skipped. */
    private static final class CsvRows {
        private final String text;
        private final char delimiter;
        private int at;
        private int row;

        CsvRows(String text, char delimiter) {
            this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
            this.delimiter = delimiter;
        }

        int rowNumber() {
            return row;
        }

        List<String> next() {
            while (at < text.length() && (text.charAt(at) == '\n' || text.charAt(at) == '\r')) {
                at++;
            }
            if (at >= text.length()) {
                return null;
            }
            row++;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean isQuoted = false;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (isQuoted) {
                    if (c == '"' && at < text.length() && text.charAt(at) == '"') {
                        field.append('"');
                        at++;
                    } else if (c == '"') {
                        isQuoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    isQuoted = true;
                } else if (c == delimiter) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    break;
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
