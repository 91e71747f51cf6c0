package dev.mlops.registry;

import dev.mlops.contract.ColumnTransform;
import dev.mlops.contract.InputContract;
import dev.mlops.contract.TensorColumn;
import dev.mlops.drift.Baseline;
import dev.mlops.drift.NumericHistogram;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.model.FeatureSpec;
import dev.mlops.model.LabelSpec;
import dev.mlops.model.ModelConfig;
import dev.mlops.model.NumericFeature;
import dev.mlops.model.NumericTransform;
import dev.mlops.model.Range;
import dev.mlops.model.TrainerSpec;
import dev.mlops.model.Algorithm;
import dev.mlops.packaging.Lineage;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.packaging.OutputContract;
import dev.mlops.packaging.PackageManifest;
import dev.mlops.Digests;
import dev.mlops.store.ArtifactStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small, valid packages for registry tests (the registry never loads the model, so the bytes are a stand-in). */
final class TestPackages {

    private TestPackages() {
    }

    static ModelConfig config(String model) {
        List<FeatureSpec> features = List.of(new NumericFeature("x", "", new Range(0.0, 1.0), null, NumericTransform.NONE));
        return new ModelConfig(model, "", new LabelSpec("y", null, null, null), features,
                new TrainerSpec(Algorithm.LOGISTIC_REGRESSION, null, null, null, null, null, null, null),
                null, null, null, null);
    }

    static PackageManifest manifest(String model, String version, byte[] onnx) {
        ModelConfig config = config(model);
        InputContract input = new InputContract("input", config.features(),
                List.of(new TensorColumn("x", "x", new ColumnTransform.Identity())));
        return new PackageManifest(PackageManifest.FORMAT_VERSION, model, version, Instant.parse("2026-01-01T00:00:00Z"),
                Digests.sha256(onnx), onnx.length, input, new OutputContract("output", List.of("0", "1"), 1), null,
                new BinaryMetrics(0.8, 0.9, 0.3, 0.01, 100, 0.1),
                new Baseline(100, Map.of("x", new NumericHistogram(List.of(0.5), List.of(50L, 50L))),
                        new NumericHistogram(List.of(0.5), List.of(90L, 10L))),
                new Lineage("file:/data.csv", "0".repeat(64), 100, "test", "local", "logistic-regression", Map.of(), 1, "tester"));
    }

    /** Writes a complete package for {@code model}/{@code version}. */
    static void write(ArtifactStore store, String model, String version) {
        byte[] onnx = ("onnx stand-in " + model + " " + version).getBytes(StandardCharsets.UTF_8);
        new ModelPackages(store).write(manifest(model, version, onnx), onnx, config(model));
    }
}
