package dev.mlops.pipeline.handlers;

import dev.mlops.InvalidInputException;
import dev.mlops.MlopsException;
import dev.mlops.pipeline.PipelineFixture;
import dev.mlops.registry.VersionNotFoundException;
import dev.mlops.trainer.data.DriftKnobs;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input through the handlers, as Lambda and the local runtime call them: malformed task input is refused as
 * invalid input, an unknown version as not found, and a drift check of an empty capture window is
 * INSUFFICIENT_DATA, never DRIFT.
 */
class HandlerBadInputTest {

    @TempDir
    static Path home;
    static ApplicationContext context;

    @BeforeAll
    static void start() {
        PipelineFixture fixture = new PipelineFixture(home);
        fixture.train("exec-1", 1, 3000, DriftKnobs.none());
        fixture.makeChampion("credit-risk", "v1");
        context = ApplicationContext.run(Map.of("mlops.pipeline.home", home.toString(),
                "mlops.pipeline.console-url", "http://console.test/"));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static Map<String, Object> input(Object... keysAndValues) {
        Map<String, Object> in = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            in.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return in;
    }

    @Test
    void driftCheck_malformedInput_invalidInput() {
        DriftCheckHandler handler = new DriftCheckHandler(context);
        for (Map<String, Object> bad : List.of(input(), input("model", 42), input("model", "Credit Risk!"),
                input("model", "credit-risk", "windowSeconds", "a day"), input("model", "credit-risk", "windowSeconds", 1.5),
                input("model", "credit-risk", "windowSeconds", 0), input("model", "credit-risk", "windowSeconds", -3600))) {
            assertThrows(InvalidInputException.class, () -> handler.execute(bad), bad.toString());
        }
    }

    @Test
    void driftCheck_emptyCaptureWindow_insufficientDataNeverDrift() {
        Map<String, Object> result = new DriftCheckHandler(context).execute(input("model", "credit-risk"));
        assertEquals("INSUFFICIENT_DATA", result.get("verdict"), result.toString());
        assertEquals(0L, ((Number) result.get("rows")).longValue());
        // The persistence count is neither extended nor broken by a window without data.
        assertEquals(0, ((Number) result.get("consecutive")).intValue());
    }

    @Test
    void driftCheck_unknownModel_insufficientDataNoChampion() {
        Map<String, Object> result = new DriftCheckHandler(context).execute(input("model", "no-such-model"));
        assertEquals("INSUFFICIENT_DATA", result.get("verdict"), result.toString());
    }

    @Test
    void versionedHandlers_unknownVersion_versionNotFound() {
        Map<String, Object> in = input("model", "credit-risk", "version", "v42", "stepIndex", 0);
        assertThrows(VersionNotFoundException.class, () -> new EvaluateHandler(context).execute(in));
        // DeployCanary reads the version's package before the registry: not found either way, naming the version.
        MlopsException canary = assertThrows(MlopsException.class, () -> new DeployCanaryHandler(context).execute(in));
        assertTrue(canary.getMessage().contains("v42"), canary.getMessage());
        assertThrows(VersionNotFoundException.class, () -> new PromoteHandler(context).execute(in));
    }

    @Test
    void versionedHandlers_malformedVersion_invalidInput() {
        Map<String, Object> in = input("model", "credit-risk", "version", List.of("v1"));
        assertThrows(InvalidInputException.class, () -> new EvaluateHandler(context).execute(in));
        assertThrows(InvalidInputException.class, () -> new PromoteHandler(context).execute(in));
        assertThrows(InvalidInputException.class, () -> new RollbackHandler(context).execute(in));
    }
}
