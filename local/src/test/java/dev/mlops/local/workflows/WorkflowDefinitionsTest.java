package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.workflows.asl.parse.AslParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code workflows/*.asl.json}: valid for the engine's parser with the local values, its placeholders exactly
 * those of placeholders.json, and the house rules (every task caught, Lambda tasks retried) kept.
 */
class WorkflowDefinitionsTest {

    private static final Path DIR = StubPipeline.WORKFLOWS;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LAMBDA_TRANSIENT = List.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException");

    private final Placeholders placeholders = Placeholders.load(DIR.resolve("placeholders.json"));

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".asl.json")).sorted().toList();
        }
    }

    @Test
    void workflows_theThreeOfTheContract() throws IOException {
        assertEquals(List.of("batch-inference.asl.json", "drift-check.asl.json", "training-pipeline.asl.json"),
                files().stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void localWorkflows_loadsEveryWorkflow() {
        assertEquals(Set.of("training-pipeline", "drift-check", "batch-inference"),
                new StubPipeline().workflows.stateMachines().keySet());
        assertTrue(new StubPipeline().workflows.unavailable().isEmpty());
    }

    @TestFactory
    Stream<DynamicTest> eachWorkflow_parsesWithLocalValues() throws IOException {
        return files().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            AslParser.parse(placeholders.substituteLocal(JSON.readTree(file.toFile())));
        }));
    }

    @Test
    void placeholders_usedExactlyTheListed() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Path f : files()) {
            used.addAll(Placeholders.used(Files.readString(f)));
        }
        Set<String> listed = new TreeSet<>(placeholders.localValues().keySet());
        assertEquals(listed, used);
    }

    @Test
    void placeholders_onlyInsideStrings() throws IOException {
        for (Path f : files()) {
            String withoutStrings = Files.readString(f).replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
            assertFalse(withoutStrings.contains("${"), f + " has a placeholder outside a JSON string");
        }
    }

    @Test
    void placeholders_localValuesFollowTheContract() {
        Map<String, String> local = placeholders.localValues();
        assertEquals("register", local.get("RegisterFunction"));
        assertEquals("request-approval", local.get("RequestApprovalFunction"));
        assertEquals("local", local.get("TrainingJobQueue"));
        assertEquals("local-gpu", local.get("GpuTrainingJobQueue"));
        assertEquals("local-train-", local.get("TrainingJobDefinitionPrefix"));
        assertEquals("arn:aws:sns:local:000000000000:mlops-notifications", local.get("NotificationTopic"));
        assertEquals("local", local.get("ArtifactBucket"));
    }

    @Test
    void everyTask_hasACatchAll_andLambdaTasksRetryTransientErrors() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path f : files()) {
            checkStates(f.getFileName().toString(), JSON.readTree(f.toFile()).path("States"), false, problems);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void checkStates(String file, JsonNode states, boolean isMapItem, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = e.getValue();
            String where = file + " " + e.getKey();
            if (s.path("Type").asText().equals("Task")) {
                // A caught item would count as a success, and the Map's tolerated failures would never apply.
                if (!isMapItem && !hasCatchAll(s)) {
                    problems.add(where + ": no Catch for States.ALL");
                }
                if (s.path("Resource").asText().startsWith("arn:aws:states:::lambda:invoke") && !retries(s, LAMBDA_TRANSIENT)) {
                    problems.add(where + ": no Retry of " + LAMBDA_TRANSIENT);
                }
            }
            JsonNode processor = s.has("ItemProcessor") ? s.get("ItemProcessor") : s.get("Iterator");
            if (processor != null) {
                checkStates(file, processor.path("States"), true, problems);
            }
        }
    }

    private static boolean hasCatchAll(JsonNode state) {
        for (JsonNode c : state.path("Catch")) {
            for (JsonNode error : c.path("ErrorEquals")) {
                if (error.asText().equals("States.ALL")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean retries(JsonNode state, List<String> errors) {
        for (JsonNode r : state.path("Retry")) {
            List<String> listed = new ArrayList<>();
            r.path("ErrorEquals").forEach(x -> listed.add(x.asText()));
            if (listed.containsAll(errors) && r.path("BackoffRate").asDouble(1) > 1) {
                return true;
            }
        }
        return false;
    }
}
