package dev.mlops.workflows.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.workflows.asl.eval.Engine;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import dev.mlops.workflows.asl.eval.TaskResolver;
import dev.mlops.workflows.asl.eval.VirtualClock;
import dev.mlops.workflows.asl.model.StateMachine;
import dev.mlops.workflows.asl.parse.AslParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test helpers: JSON literals, definitions from fixtures or text, and runs on a virtual clock with a fixed seed. */
public final class Asl {

    /** Where every virtual clock of the tests starts. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();

    private Asl() {
    }

    /** Parses JSON; single quotes stand for double quotes to keep literals readable. */
    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + text, e);
        }
    }

    /** A fixture under src/test/resources/dev/mlops/workflows/asl/. */
    public static String fixture(String name) {
        try (InputStream in = Asl.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static StateMachine parse(String definition) {
        return AslParser.parse(definition);
    }

    public static Engine engine(TaskResolver resolver) {
        return new Engine(resolver, new VirtualClock(T0), new Random(42));
    }

    public static ExecutionResult run(String definition, String input) {
        return run(definition, input, TaskResolver.none());
    }

    public static ExecutionResult run(String definition, String input, TaskResolver resolver) {
        return engine(resolver).run(parse(definition), "Test", "exec-1", json(input));
    }

    /** Runs and expects SUCCEEDED with this output. */
    public static void assertOutput(String expected, String definition, String input) {
        ExecutionResult result = run(definition, input);
        assertEquals(ExecutionResult.Status.SUCCEEDED, result.status(), () -> result.error() + ": " + result.cause());
        assertEquals(json(expected), result.output());
    }

    /** A one-state machine: the state's JSON (without Type End) and Type. */
    public static String single(String type, String fields) {
        String extra = fields.isBlank() ? "" : ", " + fields;
        String end = List.of("Succeed", "Fail", "Choice").contains(type) ? "" : ", \"End\": true";
        return "{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"" + type + "\"" + extra + end + "}}}";
    }
}
