package dev.mlops.local.workflows;

import java.util.Objects;

/**
 * A training job as the training-pipeline's Train state submits it (the Batch job's {@code Parameters}).
 *
 * @param model     the model name
 * @param dataset   the dataset: an artifact-store key or {@code s3://} URI
 * @param initiator who asked for the training
 * @param seed      the seed of every random choice
 * @param runId     the training-pipeline's execution name; the trainer records
 *                  {@code training-runs/{model}/{runId}.json} so Register can find the version
 */
public record TrainingJobSpec(String model, String dataset, String initiator, long seed, String runId) {

    public TrainingJobSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(runId, "runId");
    }
}
