package dev.mlops.local.workflows;

/** Runs a training job locally for {@code batch:submitJob.sync}. */
@FunctionalInterface
public interface TrainingJobRunner {

    /**
     * Trains and writes the package.
     *
     * @return the version the job produced
     * @throws RuntimeException when the job fails; the Batch job is then FAILED with the exception's message
     */
    String run(TrainingJobSpec job);
}
