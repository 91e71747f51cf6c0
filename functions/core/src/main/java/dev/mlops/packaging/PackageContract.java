package dev.mlops.packaging;

import dev.mlops.Digests;
import dev.mlops.Json;
import dev.mlops.contract.InputContract;
import dev.mlops.drift.Baseline;
import dev.mlops.metrics.BinaryMetrics;

import java.time.Instant;

/**
 * What a trainer outside this project supplies next to its {@code model.onnx} to be imported
 * ({@code mlops models import}): the manifest without the fields the registry fills in (model, version, time,
 * hash). The same JSON keys as {@code package.json}.
 */
public record PackageContract(InputContract input, OutputContract output, LinearCoefficients coefficients,
                              BinaryMetrics metrics, Baseline baseline, Lineage lineage) {

    public PackageContract {
        if (input == null || output == null || metrics == null || baseline == null || lineage == null) {
            throw new IllegalArgumentException("a package contract needs input, output, metrics, baseline and lineage"
                    + " (coefficients are optional)");
        }
    }

    public static PackageContract parse(byte[] json, String document) {
        return Json.read(json, PackageContract.class, document);
    }

    /** The full manifest for {@code onnx} as {@code model}/{@code version}. */
    public PackageManifest toManifest(String model, String version, Instant createdAt, byte[] onnx) {
        return new PackageManifest(PackageManifest.FORMAT_VERSION, model, version, createdAt, Digests.sha256(onnx),
                onnx.length, input, output, coefficients, metrics, baseline, lineage);
    }
}
