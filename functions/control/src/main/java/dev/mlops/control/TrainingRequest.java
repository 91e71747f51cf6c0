package dev.mlops.control;

import dev.mlops.InvalidInputException;

/**
 * The body of {@code POST /v1/models/{model}/trainings}.
 *
 * @param dataset       an artifact-store key (or {@code s3://} URI) of the training CSV
 * @param seed          the training seed; null to draw one (it is recorded either way)
 * @param policyProfile a named policy profile of model.json ({@code demo}), or null for the default policies
 */
public record TrainingRequest(String dataset, Long seed, String policyProfile) {

    public TrainingRequest {
        if (dataset == null || dataset.isBlank()) {
            throw new InvalidInputException("'dataset' is required: the artifact-store key or s3:// URI of the training data");
        }
        if (policyProfile != null && !policyProfile.matches("[a-z][a-z0-9-]{0,62}")) {
            throw new InvalidInputException("'policyProfile' must be a profile name such as 'demo', got '" + policyProfile + "'");
        }
    }
}
