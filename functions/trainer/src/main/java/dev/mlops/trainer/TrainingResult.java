package dev.mlops.trainer;

import dev.mlops.metrics.BinaryMetrics;

/**
 * What a training job wrote: the version it claimed and where the package lies.
 *
 * @param model            model name
 * @param version          claimed version id ({@code v7})
 * @param packagePrefix    {@code models/{model}/{version}/} in the output store
 * @param metrics          holdout metrics recorded in the package
 * @param parityMaxAbsDiff largest ONNX Runtime vs Tribuo probability difference seen by the self-check
 */
public record TrainingResult(String model, String version, String packagePrefix, BinaryMetrics metrics,
                             double parityMaxAbsDiff) {
}
