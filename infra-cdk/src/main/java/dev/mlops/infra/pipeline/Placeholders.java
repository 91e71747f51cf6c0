package dev.mlops.infra.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.infra.InfraException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The placeholder names of {@code workflows/placeholders.json}, the one list that both the local runtime and this
 * stack substitute. Accepted shapes: an array of names, an array of objects with {@code name}, an object whose keys
 * are the names, or any of these under a top-level {@code placeholders} field.
 */
public final class Placeholders {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Placeholders() {
    }

    /**
     * The names in {@code file}.
     *
     * @throws InfraException when the file is unreadable or holds no names
     */
    public static Set<String> load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InfraException("cannot read the placeholder list " + file + ": " + e.getMessage(), e);
        }
        if (root.isObject() && root.has("placeholders")) {
            root = root.get("placeholders");
        }
        Set<String> names = new TreeSet<>();
        if (root.isArray()) {
            for (JsonNode item : root) {
                names.add(item.isTextual() ? item.asText() : item.path("name").asText(""));
            }
        } else if (root.isObject()) {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
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
