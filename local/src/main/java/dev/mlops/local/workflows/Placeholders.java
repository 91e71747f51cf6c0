package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mlops.MlopsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one list of placeholders ({@code workflows/placeholders.json}): CDK substitutes the AWS values
 * ({@code definitionSubstitutions}), the local runtime the {@code local} values, both from this file.
 *
 * @param entries the placeholders, in file order
 */
public record Placeholders(List<Placeholder> entries) {

    /** {@code ${Name}} as CDK's definitionSubstitutions reads it. */
    private static final Pattern TOKEN = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public Placeholders {
        entries = List.copyOf(entries);
        Set<String> names = new TreeSet<>();
        for (Placeholder p : entries) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("placeholder '" + p.name() + "' is listed twice");
            }
        }
    }

    /** Reads placeholders.json: an array of {@code {name, kind, description, local}}. */
    public static Placeholders load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new MlopsException("cannot read the placeholder list " + file + ": " + e.getMessage());
        }
        if (!root.isArray()) {
            throw new MlopsException(file + " must be a JSON array of {name, kind, description, local}");
        }
        List<Placeholder> list = new ArrayList<>();
        for (JsonNode e : root) {
            try {
                list.add(new Placeholder(e.path("name").asText(null), Placeholder.Kind.of(e.path("kind").asText()),
                        e.path("description").asText(""), e.path("local").asText(null)));
            } catch (RuntimeException ex) {
                throw new MlopsException(file + ": entry " + e + " is invalid: " + ex.getMessage());
            }
        }
        return new Placeholders(list);
    }

    /** The entry named {@code name}. */
    public Optional<Placeholder> find(String name) {
        return entries.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Names to local values. */
    public Map<String, String> localValues() {
        Map<String, String> values = new LinkedHashMap<>();
        entries.forEach(p -> values.put(p.name(), p.local()));
        return values;
    }

    /** The placeholder names a definition uses, anywhere in its text. */
    public static Set<String> used(String definition) {
        Set<String> names = new TreeSet<>();
        Matcher m = TOKEN.matcher(definition);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The definition with every placeholder in its string values replaced by {@code value}; placeholders appear only
     * inside JSON strings, so keys and other tokens are left as they are.
     *
     * @throws MlopsException naming a placeholder this list does not have
     */
    public JsonNode substitute(JsonNode definition, Function<Placeholder, String> value) {
        JsonNode copy = definition.deepCopy();
        return replace(copy, value);
    }

    /** {@link #substitute(JsonNode, Function)} with the local values. */
    public JsonNode substituteLocal(JsonNode definition) {
        return substitute(definition, Placeholder::local);
    }

    private JsonNode replace(JsonNode node, Function<Placeholder, String> value) {
        if (node.isTextual()) {
            return new TextNode(replaceText(node.textValue(), value));
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(replace(e.getValue(), value));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replace(array.get(i), value));
            }
        }
        return node;
    }

    private String replaceText(String text, Function<Placeholder, String> value) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Placeholder p = find(m.group(1)).orElseThrow(() -> new MlopsException("the placeholder ${" + m.group(1)
                    + "} is not in workflows/placeholders.json; add it there (CDK and the local runtime read that list)"));
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(p)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
