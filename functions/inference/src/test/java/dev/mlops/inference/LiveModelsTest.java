package dev.mlops.inference;

import ai.onnxruntime.OrtEnvironment;
import dev.mlops.inference.api.InferenceConfiguration;
import dev.mlops.inference.api.SnapStartPriming;
import dev.mlops.packaging.ModelPackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live model loading: corrupt packages, last good version, deployment cache and the SnapStart restore hook. */
class LiveModelsTest {

    @TempDir
    static Path home;

    static ServingFixture fixture;

    @BeforeAll
    static void train() {
        fixture = ServingFixture.create(home);
    }

    private static LiveModels liveModels(Duration ttl) {
        return new LiveModels(fixture.registry, new ModelPackages(fixture.store), OrtEnvironment.getEnvironment(), Clock.systemUTC(), ttl);
    }

    @Test
    void corruptChampion_keepsServingLastGood_andReadinessNamesTheProblem() throws Exception {
        String v3 = fixture.train(Path.of("../../models/credit-risk/model.json"), 21);
        fixture.toCanary(v3);
        Path onnx = home.resolve("store/models/credit-risk/" + v3 + "/model.onnx");
        try (LiveModels models = liveModels(Duration.ZERO)) {
            assertEquals("v1", models.serving(ServingFixture.MODEL).champion().version());
            Files.write(onnx, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
            long revision = fixture.registry.deployment(ServingFixture.MODEL).revision();
            fixture.registry.promote(ServingFixture.MODEL, v3, revision, "ops", "promote a corrupt package");

            Serving serving = models.serving(ServingFixture.MODEL);
            assertEquals("v1", serving.champion().version(), "the last good champion keeps answering");
            assertEquals(v3, serving.deployment().champion());
            String problem = models.problems().get("credit-risk/" + v3);
            assertTrue(problem.contains("model.onnx has SHA-256") && problem.contains("refusing to load it"), problem);

            LiveModels fresh = liveModels(Duration.ZERO);
            NoLiveVersionException e = assertThrows(NoLiveVersionException.class, () -> fresh.serving(ServingFixture.MODEL));
            assertTrue(e.getMessage().contains("champion " + v3 + " cannot be loaded"), e.getMessage());
        } finally {
            long revision = fixture.registry.deployment(ServingFixture.MODEL).revision();
            fixture.registry.promote(ServingFixture.MODEL, "v1", revision, "ops", "back to v1");
        }
    }

    @Test
    void afterRestore_dropsTheCachedDeployment() {
        try (LiveModels models = liveModels(Duration.ofHours(1))) {
            InferenceConfiguration config = new InferenceConfiguration();
            SnapStartPriming priming = new SnapStartPriming(models, config);
            assertEquals("v1", models.serving(ServingFixture.MODEL).champion().version());
            long revision = fixture.registry.deployment(ServingFixture.MODEL).revision();
            fixture.registry.promote(ServingFixture.MODEL, "v2", revision, "ops", "promoted after the snapshot");
            try {
                assertEquals("v1", models.serving(ServingFixture.MODEL).champion().version(), "cached for an hour");
                priming.afterRestore(null);
                assertEquals("v2", models.serving(ServingFixture.MODEL).champion().version());
            } finally {
                fixture.registry.promote(ServingFixture.MODEL, "v1", revision + 1, "ops", "back to v1");
            }
        }
    }

    @Test
    void registryHashDiffersFromPackage_isNeverLoaded() throws Exception {
        String v = fixture.train(Path.of("../../models/credit-risk/model.json"), 22);
        fixture.toCanary(v);
        Path versionDoc = home.resolve("store/registry/credit-risk/versions/" + v + ".json");
        String doc = Files.readString(versionDoc);
        Files.writeString(versionDoc, doc.replaceFirst("\"onnxSha256\" : \"[0-9a-f]{64}\"", "\"onnxSha256\" : \"" + "a".repeat(64) + "\""));
        long revision = fixture.registry.deployment(ServingFixture.MODEL).revision();
        fixture.registry.changeDeployment(ServingFixture.MODEL, revision,
                fixture.registry.deployment(ServingFixture.MODEL).withChallenger(v, 50, dev.mlops.registry.DeploymentMode.CANARY), "ops", "t");
        try (LiveModels models = liveModels(Duration.ZERO)) {
            Serving serving = models.serving(ServingFixture.MODEL);
            assertEquals(null, serving.challenger(), "a challenger that fails to load takes no traffic");
            assertTrue(models.problems().get("credit-risk/" + v).contains("registry recorded " + "a".repeat(64)), models.problems().toString());
        } finally {
            fixture.deploy(null, 0, dev.mlops.registry.DeploymentMode.CANARY);
        }
    }
}
