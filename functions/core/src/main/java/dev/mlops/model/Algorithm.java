package dev.mlops.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The training algorithms the built-in trainer knows; {@code external} means a bring-your-own image. */
public enum Algorithm {
    /** One logistic regression fitted by SGD (Tribuo {@code LinearSGDTrainer} with log loss). */
    @JsonProperty("logistic-regression") LOGISTIC_REGRESSION,
    /** Several logistic regressions on bootstrap samples, averaged with weights from their validation AUC. */
    @JsonProperty("weighted-ensemble") WEIGHTED_ENSEMBLE,
    /** Trained by the container named in {@code trainer.image}; it writes the model package itself. */
    @JsonProperty("external") EXTERNAL
}
