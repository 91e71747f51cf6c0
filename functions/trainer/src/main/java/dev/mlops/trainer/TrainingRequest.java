package dev.mlops.trainer;

/**
 * One training job, as the AWS Batch job definition (or {@code ./mlops train}) describes it.
 *
 * @param datasetUri     training CSV: {@code s3://bucket/key}, a {@code file:} URI or a plain path
 * @param modelConfigUri model.json, addressed the same ways
 * @param seed           seed of every random choice
 * @param initiator      who started the training ({@code alice}, {@code system:drift})
 * @param codeRevision   source revision of the trainer, or {@code unknown}
 * @param runId          the training pipeline's execution name, or {@code null} outside a pipeline: a run with an
 *                       id leaves the marker {@code training-runs/{model}/{runId}.json}, and a rerun with the same
 *                       id returns the marked version without training again
 */
public record TrainingRequest(String datasetUri, String modelConfigUri, long seed, String initiator, String codeRevision,
                              String runId) {

    public TrainingRequest {
        require(datasetUri, "datasetUri");
        require(modelConfigUri, "modelConfigUri");
        require(initiator, "initiator");
        codeRevision = codeRevision == null || codeRevision.isBlank() ? "unknown" : codeRevision;
        if (runId != null) {
            dev.mlops.packaging.TrainingRun.checkRunId(runId);
        }
    }

    /** A request outside a training pipeline (no run id, no run marker). */
    public TrainingRequest(String datasetUri, String modelConfigUri, long seed, String initiator, String codeRevision) {
        this(datasetUri, modelConfigUri, seed, initiator, codeRevision, null);
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("training request needs a non-blank " + name + ", got '" + value + "'");
        }
    }
}
