package dev.mlops.trainer;

/**
 * One training job, as the AWS Batch job definition (or {@code ./mlops train}) describes it.
 *
 * @param datasetUri     training CSV: {@code s3://bucket/key}, a {@code file:} URI or a plain path
 * @param modelConfigUri model.json, addressed the same ways
 * @param seed           seed of every random choice
 * @param initiator      who started the training ({@code alice}, {@code system:drift})
 * @param codeRevision   source revision of the trainer, or {@code unknown}
 */
public record TrainingRequest(String datasetUri, String modelConfigUri, long seed, String initiator, String codeRevision) {

    public TrainingRequest {
        require(datasetUri, "datasetUri");
        require(modelConfigUri, "modelConfigUri");
        require(initiator, "initiator");
        codeRevision = codeRevision == null || codeRevision.isBlank() ? "unknown" : codeRevision;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("training request needs a non-blank " + name + ", got '" + value + "'");
        }
    }
}
