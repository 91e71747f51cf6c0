package dev.mlops.infra.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.infra.InfraException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The placeholders of {@code workflows/placeholders.json}, the one list that both the local runtime and this stack
 * substitute (docs/workflow-contracts.md): entries {@code {"name", "kind", "description"}}. Also accepted: an array of
 * names, an object keyed by name, or either under a top-level {@code placeholders} field. The kind, when given, is
 * checked against what the stack provides.
 */
public final class Placeholders {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Placeholders() {
    }

    /**
     * Kind by name ({@code ""} when an entry gives none), sorted by name.
     *
     * @throws InfraException when the file is unreadable or holds no names
     */
    public static Map<String, String> load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InfraException("cannot read the placeholder list " + file + ": " + e.getMessage(), e);
        }
        if (root.isObject() && root.has("placeholders")) {
            root = root.get("placeholders");
        }
        Map<String, String> names = new TreeMap<>();
        if (root.isArray()) {
            for (JsonNode item : root) {
                names.put(item.isTextual() ? item.asText() : item.path("name").asText(""), item.path("kind").asText(""));
            }
        } else if (root.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                names.put(entry.getKey(), entry.getValue().path("kind").asText(""));
            }
        }
        names.remove("");
        if (names.isEmpty()) {
            throw new InfraException(file + ": expected placeholder names (an array of names, objects with name, or an"
                    + " object keyed by name)");
        }
        return names;
    }
}
