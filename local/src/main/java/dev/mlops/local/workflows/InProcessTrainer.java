package dev.mlops.local.workflows;

import dev.mlops.local.LocalEnvironment;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.packaging.TrainingRun;
import dev.mlops.trainer.StoreLocator;
import dev.mlops.trainer.TrainingJob;
import dev.mlops.trainer.TrainingRequest;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The training job of {@code batch:submitJob.sync}, in this JVM: the trainer's {@link TrainingJob} against the local
 * artifact store, as {@code ./mlops train} runs it.
 *
 * <p>The trainer records the run in {@code training-runs/{model}/{runId}.json} (create-if-absent), so a retry of
 * the same run finds the marker and does not train twice.
 */
public final class InProcessTrainer implements TrainingJobRunner {

    private final LocalEnvironment env;
    private final String codeRevision;
    private final Consumer<String> progress;

    /**
     * @param env          the artifact store and model configs
     * @param codeRevision recorded in the package's lineage
     * @param progress     one line per training step
     */
    public InProcessTrainer(LocalEnvironment env, String codeRevision, Consumer<String> progress) {
        this.env = env;
        this.codeRevision = codeRevision;
        this.progress = progress;
    }

    /** The key of a run's marker. */
    public static String runKey(String model, String runId) {
        return TrainingRun.key(model, runId);
    }

    @Override
    public String run(TrainingJobSpec job) {
        String configUri = env.configFile(job.model()).map(Path::toString)
                .orElse(env.describe(ModelVersions.configKey(job.model())));
        String datasetUri = job.dataset().startsWith("s3://") ? job.dataset() : env.describe(job.dataset());
        TrainingJob trainer = new TrainingJob(env.store(), StoreLocator.artifactStores(), env.clock(),
                TrainingJob.imageFromEnvironment(), progress);
        // The trainer writes the run marker itself and returns the marked version when the run already finished.
        return trainer.run(new TrainingRequest(datasetUri, configUri, job.seed(), job.initiator(), codeRevision,
                job.runId())).version();
    }
}
