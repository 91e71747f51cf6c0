package dev.mlops.packaging;

/**
 * The marker a training run leaves after its package is complete ({@code training-runs/{model}/{runId}.json}),
 * written create-if-absent: the pipeline's Register step reads it to learn which version the run produced (a Batch
 * job's description cannot carry it), and a retried job finds it and does not train twice.
 *
 * @param runId         the training pipeline's execution name (letters, digits, {@code - _ .}, at most 80)
 * @param packagePrefix where the run's package lives
 */
public record TrainingRun(String model, String runId, String version, String packagePrefix) {

    /** Step Functions execution names are at most 80 of these characters. */
    public static final String RUN_ID_PATTERN = "[A-Za-z0-9_.-]{1,80}";

    public TrainingRun {
        ModelVersions.checkModel(model);
        checkRunId(runId);
        ModelVersions.checkVersion(version);
        if (!ModelVersions.packagePrefix(model, version).equals(packagePrefix)) {
            throw new IllegalArgumentException("training run " + runId + ": packagePrefix '" + packagePrefix + "' must be "
                    + ModelVersions.packagePrefix(model, version));
        }
    }

    /** The run of {@code model} with id {@code runId} produced {@code version}. */
    public static TrainingRun of(String model, String runId, String version) {
        return new TrainingRun(model, runId, version, ModelVersions.packagePrefix(model, version));
    }

    /** Checks a run id: it becomes a key segment. */
    public static String checkRunId(String runId) {
        if (runId == null || !runId.matches(RUN_ID_PATTERN) || runId.equals(".") || runId.equals("..")
                || runId.startsWith(".tmp") || runId.startsWith(".lock")) {
            throw new IllegalArgumentException("run id '" + runId + "' must match " + RUN_ID_PATTERN
                    + " (a Step Functions execution name)");
        }
        return runId;
    }

    /** {@code training-runs/{model}/{runId}.json}. */
    public static String key(String model, String runId) {
        return "training-runs/" + ModelVersions.checkModel(model) + "/" + checkRunId(runId) + ".json";
    }
}
