package dev.mlops.model;

/**
 * The gate a new version must pass before a person is asked to approve it.
 *
 * @param minAuc                holdout AUC at least this
 * @param maxLogLoss            holdout log-loss at most this
 * @param maxCalibrationError   holdout expected calibration error (10 bins) at most this
 * @param maxAucDropVsChampion  the champion's AUC on the same holdout minus the new version's at most this
 * @param maxTrainingDataPsi    PSI of the training data against the champion's baseline, per feature, at most this
 */
public record EvaluationPolicy(Double minAuc, Double maxLogLoss, Double maxCalibrationError,
                               Double maxAucDropVsChampion, Double maxTrainingDataPsi) {

    public EvaluationPolicy {
        minAuc = Checks.fraction(Checks.orDefault(minAuc, 0.7), "evaluation.minAuc");
        maxLogLoss = Checks.positive(Checks.orDefault(maxLogLoss, 0.6), "evaluation.maxLogLoss");
        maxCalibrationError = Checks.fraction(Checks.orDefault(maxCalibrationError, 0.05), "evaluation.maxCalibrationError");
        maxAucDropVsChampion = Checks.fraction(Checks.orDefault(maxAucDropVsChampion, 0.01), "evaluation.maxAucDropVsChampion");
        maxTrainingDataPsi = Checks.positive(Checks.orDefault(maxTrainingDataPsi, 0.25), "evaluation.maxTrainingDataPsi");
    }

    /** The defaults, for configs that omit the section. */
    public static EvaluationPolicy defaults() {
        return new EvaluationPolicy(null, null, null, null, null);
    }
}
