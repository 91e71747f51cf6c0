package dev.mlops.trainer;

import dev.mlops.Digests;
import dev.mlops.contract.InputContract;
import dev.mlops.drift.Baseline;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.packaging.LinearCoefficients;
import dev.mlops.packaging.Lineage;
import dev.mlops.packaging.OutputContract;
import dev.mlops.packaging.PackageManifest;

import java.time.Instant;

/**
 * A trained and self-checked model, not yet given a version: the ONNX bytes and everything its
 * {@code package.json} records, plus the holdout evidence the self-check compared.
 *
 * @param model                 model name
 * @param onnx                  the exported graph
 * @param input                 input contract (frozen from the training split)
 * @param output                output contract (label order of the graph's output)
 * @param coefficients          positive-class logit coefficients, or {@code null} for the ensemble
 * @param metrics               holdout metrics from Tribuo's probabilities
 * @param baseline              training-split feature histograms and holdout score histogram
 * @param lineage               data, code and parameters
 * @param holdoutRows           dataset row indexes of the holdout, in scoring order
 * @param holdoutProbabilities  Tribuo's positive-class probability for each holdout row
 * @param parityMaxAbsDiff      largest |ONNX Runtime - Tribuo| probability difference over the holdout
 */
public record TrainedModel(String model, byte[] onnx, InputContract input, OutputContract output,
                           LinearCoefficients coefficients, BinaryMetrics metrics, Baseline baseline, Lineage lineage,
                           int[] holdoutRows, double[] holdoutProbabilities, double parityMaxAbsDiff) {

    public TrainedModel {
        onnx = onnx.clone();
        holdoutRows = holdoutRows.clone();
        holdoutProbabilities = holdoutProbabilities.clone();
    }

    @Override
    public byte[] onnx() {
        return onnx.clone();
    }

    @Override
    public int[] holdoutRows() {
        return holdoutRows.clone();
    }

    @Override
    public double[] holdoutProbabilities() {
        return holdoutProbabilities.clone();
    }

    /** The package manifest of this model as version {@code version}, written at {@code createdAt}. */
    public PackageManifest manifest(String version, Instant createdAt) {
        return new PackageManifest(PackageManifest.FORMAT_VERSION, model, version, createdAt, Digests.sha256(onnx),
                onnx.length, input, output, coefficients, metrics, baseline, lineage);
    }
}
