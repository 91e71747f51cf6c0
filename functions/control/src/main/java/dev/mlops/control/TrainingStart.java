package dev.mlops.control;

/**
 * A started training-pipeline execution and the input it was given.
 *
 * @param initiator the identity that asked for the training: it may not approve the result
 */
public record TrainingStart(String executionArn, String name, String model, String dataset, long seed, String initiator,
                            String policyProfile) {
}
