package dev.mlops.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes the {@code ${Name}} placeholders of a workflow file with stub ARNs of the right kind (from
 * workflows/placeholders.json), as CDK's {@code definitionSubstitutions} does with real ones. The resources need
 * not exist: Step Functions checks a definition's syntax and ARN shapes at CreateStateMachine, not the targets.
 */
public final class StubPlaceholders {

    /** The account and region of the stub ARNs: LocalStack's defaults. */
    public static final String ACCOUNT = "000000000000";
    /** The region of the stub ARNs. */
    public static final String REGION = "us-east-1";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubPlaceholders() {
    }

    /** The repository root: the pom's {@code repo.root}, else the parent of the working directory. */
    public static Path repoRoot() {
        return Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    }

    /** Placeholder name to stub value, for every entry of workflows/placeholders.json. */
    public static Map<String, String> stubs(Path placeholdersJson) {
        Map<String, String> values = new TreeMap<>();
        try {
            for (JsonNode entry : JSON.readTree(placeholdersJson.toFile())) {
                String name = entry.path("name").asText();
                values.put(name, stub(name, entry.path("kind").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    /** A syntactically valid value for a placeholder of {@code kind}. */
    public static String stub(String name, String kind) {
        String id = "stub-" + name;
        return switch (kind) {
            case "lambda" -> "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + id + ":live";
            case "sns-topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + id;
            case "state-machine" -> "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + id;
            case "batch-queue" -> "arn:aws:batch:" + REGION + ":" + ACCOUNT + ":job-queue/" + id;
            case "batch-job-definition-prefix" -> "Mlops-train-";
            case "bucket" -> "stub-bucket";
            default -> throw new IllegalArgumentException("placeholder " + name + ": unknown kind '" + kind + "'");
        };
    }

    /**
     * The file's text with every placeholder replaced.
     *
     * @throws IllegalArgumentException naming a placeholder that has no value
     */
    public static String substitute(String definition, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for placeholder ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The substituted definition of {@code workflows/<name>.asl.json}. */
    public static String definition(String name) {
        Path workflows = repoRoot().resolve("workflows");
        try {
            return substitute(Files.readString(workflows.resolve(name + ".asl.json")),
                    stubs(workflows.resolve("placeholders.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
