package dev.mlops.packaging;

import dev.mlops.Digests;
import dev.mlops.contract.ContractFitter;
import dev.mlops.contract.InputContract;
import dev.mlops.drift.Baseline;
import dev.mlops.drift.CategoricalHistogram;
import dev.mlops.drift.NumericHistogram;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.model.ModelConfig;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.StoredObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelPackagesTest {

    private static final ModelConfig CONFIG = ModelConfig.load(Path.of("../../models/credit-risk/model.json"));
    private static final byte[] ONNX = "not really onnx".getBytes(StandardCharsets.UTF_8);

    /** Just enough store for packages: a sorted map, versions counted. */
    private static final class MapStore implements ArtifactStore {
        final TreeMap<String, StoredObject> objects = new TreeMap<>();
        int versions;

        @Override
        public String put(String key, byte[] bytes) {
            StoredObject o = new StoredObject(key, bytes, "v" + ++versions);
            objects.put(key, o);
            return o.version();
        }

        @Override
        public Optional<StoredObject> get(String key) {
            return Optional.ofNullable(objects.get(key));
        }

        @Override
        public List<String> list(String prefix) {
            return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        }

        @Override
        public void delete(String key) {
            objects.remove(key);
        }

        @Override
        public Optional<String> createIfAbsent(String key, byte[] bytes) {
            return objects.containsKey(key) ? Optional.empty() : Optional.of(put(key, bytes));
        }

        @Override
        public Optional<String> replaceIfVersionMatches(String key, byte[] bytes, String expectedVersion) {
            StoredObject current = objects.get(key);
            return current != null && current.version().equals(expectedVersion) ? Optional.of(put(key, bytes)) : Optional.empty();
        }
    }

    static PackageManifest manifest() {
        ContractFitter fitter = new ContractFitter(CONFIG.features());
        for (String feature : CONFIG.featureNames()) {
            if (!feature.equals("purpose")) {
                fitter.observe(feature, 20);
                fitter.observe(feature, 30);
            }
        }
        InputContract input = fitter.build("input");
        Map<String, dev.mlops.drift.Histogram> features = new TreeMap<>();
        features.put("age", NumericHistogram.ofQuantiles(new double[]{20, 30, 40}, 10));
        features.put("purpose", CategoricalHistogram.of(List.of("car", "other"), Map.of("car", 2L, "boat", 1L)));
        return new PackageManifest(PackageManifest.FORMAT_VERSION, "credit-risk", "v1", Instant.parse("2024-01-02T03:04:05Z"),
                Digests.sha256(ONNX), ONNX.length, input, new OutputContract("output", List.of("0", "1"), 1),
                new LinearCoefficients(-1.5, java.util.Collections.nCopies(input.width(), 0.25),
                        java.util.Collections.nCopies(input.width(), 0.0)),
                new BinaryMetrics(0.8, 0.9, 0.3, 0.01, 100, 0.1),
                new Baseline(3, features, NumericHistogram.ofQuantiles(new double[]{0.1, 0.2, 0.9}, 10)),
                new Lineage("s3://bucket/data.csv", Digests.sha256(new byte[0]), 3, "abc", "local", "logistic-regression",
                        Map.of("epochs", "10"), 7, "alice"));
    }

    @Test
    void writtenPackage_read_roundTripsEveryField() {
        MapStore store = new MapStore();
        PackageManifest manifest = manifest();
        new ModelPackages(store).write(manifest, ONNX, CONFIG);

        ModelPackage read = new ModelPackages(store).read("credit-risk", "v1");

        assertEquals(manifest, read.manifest());
        assertArrayEquals(ONNX, read.onnx());
        assertEquals(CONFIG, read.config());
        assertEquals(List.of("models/credit-risk/v1/model.json", "models/credit-risk/v1/model.onnx",
                "models/credit-risk/v1/package.json"), store.list(""));
    }

    @Test
    void tamperedOnnx_read_namesFileAndBothHashes() {
        MapStore store = new MapStore();
        new ModelPackages(store).write(manifest(), ONNX, CONFIG);
        byte[] tampered = "tampered".getBytes(StandardCharsets.UTF_8);
        store.put("models/credit-risk/v1/model.onnx", tampered);

        CorruptPackageException e = assertThrows(CorruptPackageException.class,
                () -> new ModelPackages(store).read("credit-risk", "v1"));

        assertTrue(e.getMessage().contains("models/credit-risk/v1/model.onnx has SHA-256 " + Digests.sha256(tampered)), e.getMessage());
        assertTrue(e.getMessage().contains("records " + Digests.sha256(ONNX)), e.getMessage());
    }

    @Test
    void manifestNotDescribingOnnx_write_refusedAndNothingWritten() {
        MapStore store = new MapStore();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelPackages(store).write(manifest(), "other".getBytes(StandardCharsets.UTF_8), CONFIG));
        assertTrue(e.getMessage().contains("records onnxSha256"), e.getMessage());
        assertEquals(List.of(), store.list(""));
    }

    @Test
    void missingPackage_readManifest_namesKey() {
        CorruptPackageException e = assertThrows(CorruptPackageException.class,
                () -> new ModelPackages(new MapStore()).readManifest("credit-risk", "v9"));
        assertTrue(e.getMessage().contains("models/credit-risk/v9/package.json"), e.getMessage());
    }
}
