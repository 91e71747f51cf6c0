package dev.mlops.model;

import dev.mlops.InvalidDocumentException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyProfilesTest {

    private static final Path CREDIT_RISK = Path.of("../../models/credit-risk/model.json");

    @Test
    void demoProfile_withProfile_overridesNamedFieldsOnly() {
        ModelConfig config = ModelConfig.load(CREDIT_RISK);
        ModelConfig demo = config.withProfile("demo");

        assertEquals(5, demo.canary().bakeSeconds());
        assertEquals(30, demo.canary().minRequestsPerVariant());
        assertEquals(config.canary().steps(), demo.canary().steps());
        assertEquals(config.canary().maxScorePsi(), demo.canary().maxScorePsi());
        assertEquals(200, demo.drift().minRows());
        assertEquals(config.drift().psiThreshold(), demo.drift().psiThreshold());
        assertEquals(600, demo.approval().timeoutSeconds());
        assertTrue(demo.profiles().isEmpty());
        assertEquals(config.features(), demo.features());
    }

    @Test
    void noProfile_withProfile_sameConfig() {
        ModelConfig config = ModelConfig.load(CREDIT_RISK);
        assertSame(config, config.withProfile(null));
    }

    @Test
    void unknownProfile_withProfile_namesTheDeclaredOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelConfig.load(CREDIT_RISK).withProfile("fast"));
        assertTrue(e.getMessage().contains("[demo]"), e.getMessage());
    }

    @Test
    void brokenOverride_parse_failsAtLoad() {
        String json = new String(ModelConfig.load(CREDIT_RISK).toJson(), StandardCharsets.UTF_8)
                .replace("\"profiles\" : {", "\"profiles\" : { \"bad\": {\"canary\": {\"steps\": [50, 10]}},");
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> ModelConfig.parse(json.getBytes(StandardCharsets.UTF_8), "model.json"));
        assertTrue(e.getMessage().contains("$.profiles.bad"), e.getMessage());
    }

    @Test
    void profileOverridingFeatures_refused() {
        String json = new String(ModelConfig.load(CREDIT_RISK).toJson(), StandardCharsets.UTF_8)
                .replace("\"profiles\" : {", "\"profiles\" : { \"bad\": {\"features\": {}},");
        assertThrows(InvalidDocumentException.class, () -> ModelConfig.parse(json.getBytes(StandardCharsets.UTF_8), "model.json"));
    }

    @Test
    void kpi_value_perConfusionCell() {
        KpiPolicy kpi = ModelConfig.load(CREDIT_RISK).kpi();
        assertEquals(-2000, kpi.value(false, true));
        assertEquals(300, kpi.value(false, false));
        assertEquals(-300, kpi.value(true, false));
        assertEquals(0, kpi.value(true, true));
    }

    @Test
    void churnConfig_loads() {
        ModelConfig churn = ModelConfig.load(Path.of("../../models/churn/model.json"));
        assertEquals(2, churn.features().stream().filter(f -> f instanceof CategoricalFeature).count());
        assertEquals(KpiPolicy.defaults().getClass(), churn.kpi().getClass());
    }
}
