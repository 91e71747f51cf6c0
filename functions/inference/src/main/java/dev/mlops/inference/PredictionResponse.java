package dev.mlops.inference;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /v1/models/{model}/predict}.
 *
 * @param variant {@code champion} or {@code challenger}: which side of the deployment answered
 */
public record PredictionResponse(String model, String version, String variant, List<Prediction> predictions) {

    /**
     * One scored record.
     *
     * @param explanation per-feature contributions when asked for, else {@code null} (omitted)
     */
    public record Prediction(String predictionId, double probability, String label, Explanation explanation) {
    }

    /**
     * Why the model scored a record as it did. Exact for linear models: the positive-class logit is
     * {@code baseLogit + sum(contributions)}, each contribution being weight x (transformed value - training mean),
     * summed over the feature's tensor columns.
     *
     * @param available false when the model has no exact explanation (then only {@code reason} is set)
     */
    public record Explanation(boolean available, String method, Double baseLogit, Map<String, Double> contributions, String reason) {

        static Explanation unavailable(String reason) {
            return new Explanation(false, null, null, null, reason);
        }
    }
}
