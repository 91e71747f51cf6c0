package dev.mlops.packaging;

import dev.mlops.Json;
import dev.mlops.contract.InputContract;
import dev.mlops.drift.Baseline;
import dev.mlops.metrics.BinaryMetrics;

import java.time.Instant;

/**
 * The contents of {@code package.json}: everything needed to serve, explain, monitor and trace one model version.
 *
 * @param formatVersion package format, {@value #FORMAT_VERSION} for this code
 * @param model         model name
 * @param version       version id ({@code v1}, {@code v2}, ...)
 * @param createdAt     when the package was written
 * @param onnxSha256    SHA-256 of {@code model.onnx}, verified before the model is ever loaded
 * @param onnxBytes     size of {@code model.onnx}
 * @param input         how named records become the input tensor
 * @param output        how to read the output tensor
 * @param coefficients  exact linear explanation, or {@code null} for non-linear models
 * @param metrics       holdout metrics
 * @param baseline      frozen training distributions
 * @param lineage       data, code and parameters the version came from
 */
public record PackageManifest(int formatVersion, String model, String version, Instant createdAt, String onnxSha256,
                              long onnxBytes, InputContract input, OutputContract output, LinearCoefficients coefficients,
                              BinaryMetrics metrics, Baseline baseline, Lineage lineage) {

    public static final int FORMAT_VERSION = 1;

    public PackageManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported package formatVersion " + formatVersion + " (this code reads "
                    + FORMAT_VERSION + ")");
        }
        ModelVersions.checkModel(model);
        ModelVersions.checkVersion(version);
        if (createdAt == null) {
            throw new IllegalArgumentException("missing required key 'createdAt'");
        }
        if (onnxSha256 == null || !onnxSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'onnxSha256' must be 64 lowercase hex digits, got '" + onnxSha256 + "'");
        }
        if (input == null || output == null || metrics == null || baseline == null || lineage == null) {
            throw new IllegalArgumentException("package.json needs input, output, metrics, baseline and lineage");
        }
        if (coefficients != null && coefficients.weights().size() != input.width()) {
            throw new IllegalArgumentException("coefficients have " + coefficients.weights().size() + " weights for "
                    + input.width() + " tensor columns");
        }
    }

    public static PackageManifest parse(byte[] json, String document) {
        return Json.read(json, PackageManifest.class, document);
    }

    public PackageManifest withVersion(String newVersion) {
        return new PackageManifest(formatVersion, model, newVersion, createdAt, onnxSha256, onnxBytes, input, output,
                coefficients, metrics, baseline, lineage);
    }
}
