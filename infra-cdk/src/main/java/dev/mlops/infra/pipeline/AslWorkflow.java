package dev.mlops.infra.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.infra.InfraException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One state machine file, {@code workflows/<name>.asl.json}, as text (inlined into the template unchanged) and as a
 * tree (for its placeholders and Task states).
 *
 * @param name         the file name without {@code .asl.json} ({@code training-pipeline})
 * @param file         where it was read
 * @param text         the definition as written, placeholders included
 * @param definition   the parsed definition
 * @param placeholders the {@code ${Name}} placeholders it uses
 */
public record AslWorkflow(String name, Path file, String text, JsonNode definition, Set<String> placeholders) {

    /** A placeholder: {@code ${Name}}, only inside JSON strings. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the placeholder set. */
    public AslWorkflow {
        placeholders = Set.copyOf(placeholders);
    }

    /** {@code training-pipeline} as {@code TrainingPipeline}: construct ids and placeholder names. */
    public String pascalName() {
        return pascal(name);
    }

    /** A dashed name in PascalCase. */
    public static String pascal(String dashed) {
        return Arrays.stream(dashed.split("-")).map(p -> Character.toUpperCase(p.charAt(0)) + p.substring(1))
                .collect(Collectors.joining());
    }

    /**
     * Every {@code *.asl.json} of {@code dir}, sorted by name.
     *
     * @throws InfraException when there is none or one is not JSON
     */
    public static List<AslWorkflow> loadAll(Path dir) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".asl.json")).sorted().toList();
        } catch (IOException e) {
            throw new InfraException("cannot list state machines in " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new InfraException("no state machines: expected " + dir + "/*.asl.json");
        }
        List<AslWorkflow> workflows = new ArrayList<>();
        for (Path file : files) {
            workflows.add(load(file));
        }
        return List.copyOf(workflows);
    }

    /** One file. */
    public static AslWorkflow load(Path file) {
        String text;
        JsonNode root;
        try {
            text = Files.readString(file);
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new InfraException("cannot read state machine " + file + ": " + e.getMessage(), e);
        }
        if (!root.path("States").isObject() || !root.path("StartAt").isTextual()) {
            throw new InfraException(file + ": not an Amazon States Language definition (StartAt and States expected)");
        }
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        String fileName = file.getFileName().toString();
        return new AslWorkflow(fileName.substring(0, fileName.length() - ".asl.json".length()), file, text, root,
                placeholders);
    }
}
