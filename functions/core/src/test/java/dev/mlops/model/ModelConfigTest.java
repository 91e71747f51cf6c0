package dev.mlops.model;

import dev.mlops.InvalidDocumentException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelConfigTest {

    private static final Path CREDIT_RISK = Path.of("../../models/credit-risk/model.json");

    private static String creditRisk() throws IOException {
        return Files.readString(CREDIT_RISK);
    }

    private static String fails(String json) {
        return assertThrows(InvalidDocumentException.class,
                () -> ModelConfig.parse(json.getBytes(StandardCharsets.UTF_8), "model.json")).getMessage();
    }

    @Test
    void creditRiskConfig_parse_readsEverySection() {
        ModelConfig config = ModelConfig.load(CREDIT_RISK);
        assertEquals("credit-risk", config.name());
        assertEquals(10, config.features().size());
        assertEquals("default_12m", config.label().name());
        assertEquals(Algorithm.LOGISTIC_REGRESSION, config.trainer().algorithm());
        NumericFeature income = (NumericFeature) config.feature("income").orElseThrow();
        assertEquals(NumericTransform.LOG_STANDARDIZE, income.transform());
        assertEquals(OutOfRangePolicy.CLIP, income.onOutOfRange());
        CategoricalFeature purpose = (CategoricalFeature) config.feature("purpose").orElseThrow();
        assertEquals("other", purpose.fallback());
        assertEquals(0.70, config.evaluation().minAuc());
        assertEquals(java.util.List.of(10, 50, 100), config.canary().steps());
        assertEquals(ModelConfig.parse(config.toJson(), "again"), config);
    }

    @Test
    void unknownKey_parse_namesKeyAndPath() throws IOException {
        String message = fails(creditRisk().replace("\"epochs\": 10", "\"epochs\": 10, \"epoch\": 3"));
        assertTrue(message.contains("$.trainer") && message.contains("'epoch'"), message);
    }

    @Test
    void featureWithoutRange_parse_namesMissingKey() throws IOException {
        String message = fails(creditRisk().replace("\"range\": {\"min\": 18, \"max\": 100}, ", ""));
        assertTrue(message.contains("missing required key 'range'"), message);
    }

    @Test
    void featureWithoutName_parse_namesMissingKey() throws IOException {
        String message = fails(creditRisk().replace("{\"name\": \"age\", ", "{"));
        assertTrue(message.contains("missing required key 'name'"), message);
    }

    @Test
    void badRange_parse_namesBothEnds() throws IOException {
        String message = fails(creditRisk().replace("{\"min\": 18, \"max\": 100}", "{\"min\": 100, \"max\": 18}"));
        assertTrue(message.contains("range must have finite min < max, got [100.0, 18.0]"), message);
    }

    @Test
    void fallbackNotALevel_parse_namesLevels() throws IOException {
        String message = fails(creditRisk().replace("\"fallback\": \"other\"", "\"fallback\": \"boat\""));
        assertTrue(message.contains("onUnknown 'fallback' needs 'fallback' naming one of") && message.contains("boat"), message);
    }

    @Test
    void fallbackWithoutFallbackPolicy_parse_refused() throws IOException {
        String message = fails(creditRisk().replace("\"onUnknown\": \"fallback\"", "\"onUnknown\": \"reject\""));
        assertTrue(message.contains("'fallback' is only allowed with onUnknown 'fallback'"), message);
    }

    @Test
    void unknownAlgorithm_parse_namesPathAndValue() throws IOException {
        String message = fails(creditRisk().replace("\"logistic-regression\"", "\"random-forest\""));
        assertTrue(message.contains("$.trainer.algorithm") && message.contains("random-forest"), message);
    }
}
