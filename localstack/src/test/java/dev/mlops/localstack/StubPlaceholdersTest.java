package dev.mlops.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs without Docker: the definitions the Step Functions tests send are complete, valid JSON. */
class StubPlaceholdersTest {

    @ParameterizedTest
    @ValueSource(strings = {"drift-check", "training-pipeline", "batch-inference"})
    void definition_everyPlaceholderSubstituted_andStillJson(String workflow) throws Exception {
        String definition = StubPlaceholders.definition(workflow);

        assertFalse(definition.contains("${"), workflow + " keeps a placeholder");
        JsonNode tree = new ObjectMapper().readTree(definition);
        assertTrue(tree.path("States").isObject(), workflow + " has no States");
        assertTrue(tree.path("States").has(tree.path("StartAt").asText()), workflow + ": StartAt names no state");
    }
}
