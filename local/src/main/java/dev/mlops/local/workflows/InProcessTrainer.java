package dev.mlops.local.workflows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.local.LocalEnvironment;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.store.StoredObject;
import dev.mlops.trainer.StoreLocator;
import dev.mlops.trainer.TrainingJob;
import dev.mlops.trainer.TrainingRequest;
import dev.mlops.trainer.TrainingResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The training job of {@code batch:submitJob.sync}, in this JVM: the trainer's {@link TrainingJob} against the local
 * artifact store, as {@code ./mlops train} runs it.
 *
 * <p>This is the one place that builds a {@link TrainingRequest}, so the trainer's run id has one place to go.
 * Until the trainer writes {@code training-runs/{model}/{runId}.json} itself, this adapter does, with
 * create-if-absent, and a retry of the same run finds the marker and does not train twice.
 */
public final class InProcessTrainer implements TrainingJobRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        return "training-runs/" + ModelVersions.checkModel(model) + "/" + runId + ".json";
    }

    @Override
    public String run(TrainingJobSpec job) {
        String key = runKey(job.model(), job.runId());
        Optional<String> done = env.store().get(key).map(InProcessTrainer::version);
        if (done.isPresent()) {
            progress.accept("run " + job.runId() + " already produced " + job.model() + "/" + done.get() + "; not training again");
            return done.get();
        }
        String configUri = env.configFile(job.model()).map(Path::toString)
                .orElse(env.describe(ModelVersions.configKey(job.model())));
        String datasetUri = job.dataset().startsWith("s3://") ? job.dataset() : env.describe(job.dataset());
        TrainingJob trainer = new TrainingJob(env.store(), StoreLocator.artifactStores(), env.clock(),
                TrainingJob.imageFromEnvironment(), progress);
        TrainingResult result = trainer.run(new TrainingRequest(datasetUri, configUri, job.seed(), job.initiator(), codeRevision));
        ObjectNode marker = JSON.createObjectNode();
        marker.put("model", result.model());
        marker.put("runId", job.runId());
        marker.put("version", result.version());
        marker.put("packagePrefix", result.packagePrefix());
        // Absent unless a trainer that records its run itself got there first; either way the marker now exists.
        env.store().createIfAbsent(key, marker.toString().getBytes(StandardCharsets.UTF_8));
        return result.version();
    }

    private static String version(StoredObject marker) {
        try {
            JsonNode doc = JSON.readTree(marker.bytes());
            return doc.path("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
