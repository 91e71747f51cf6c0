package dev.mlops.trainer;

import dev.mlops.Json;
import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.PackageManifest;
import dev.mlops.packaging.TrainingRun;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.registry.VersionClaims;
import dev.mlops.store.ArtifactStore;
import dev.mlops.trainer.data.CsvDataset;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * One training job end to end: read and check the config and data, train and self-check, then claim a version
 * and write the package. Nothing is written to the output store before the model has passed its self-check, so
 * a job that fails on bad input leaves no trace there. It does not create the registry entry; the pipeline's
 * Register step (or the CLI) does.
 *
 * <p>This is what {@link TrainerMain} runs in AWS Batch and what {@code ./mlops train} calls in-process.
 */
public final class TrainingJob {

    /** Environment variable naming the container image the trainer runs in. */
    public static final String IMAGE_ENV = "MLOPS_TRAINER_IMAGE";

    private final ArtifactStore output;
    private final Sources sources;
    private final Clock clock;
    private final String trainerImage;
    private final Consumer<String> progress;

    /**
     * @param output       where the package is written (and versions claimed)
     * @param stores       opens {@code s3://bucket} stores for {@code s3://} dataset and config URIs
     * @param clock        time of the claim and of the package's {@code createdAt}
     * @param trainerImage recorded in the lineage ({@code local} outside a container)
     * @param progress     receives one line per step (stderr in the Batch job)
     */
    public TrainingJob(ArtifactStore output, StoreLocator stores, Clock clock, String trainerImage, Consumer<String> progress) {
        this.output = output;
        this.sources = new Sources(stores);
        this.clock = clock;
        this.trainerImage = trainerImage;
        this.progress = progress;
    }

    /**
     * A job writing to {@code output}, reading {@code s3://} inputs through {@code ArtifactStores}, with the system
     * clock, the image named by {@value #IMAGE_ENV} (or {@code local}) and silent progress.
     */
    public static TrainingJob writingTo(ArtifactStore output) {
        return new TrainingJob(output, StoreLocator.artifactStores(), Clock.systemUTC(), imageFromEnvironment(), line -> {
        });
    }

    /** The image named by {@value #IMAGE_ENV}, or {@code local}. */
    public static String imageFromEnvironment() {
        String image = System.getenv(IMAGE_ENV);
        return image == null || image.isBlank() ? "local" : image;
    }

    /**
     * Runs the job.
     *
     * @return the claimed version and where its package lies
     * @throws dev.mlops.InvalidDocumentException                 the config is missing or invalid
     * @throws dev.mlops.trainer.data.TrainingDataException       the data is missing or breaks the config's contracts
     * @throws UnsupportedAlgorithmException                      the config names an {@code external} trainer
     * @throws TrainingException                                  the trained model failed its self-check
     */
    public TrainingResult run(TrainingRequest request) {
        long started = System.nanoTime();
        ModelConfig config = sources.config(request.modelConfigUri());
        progress.accept("model config " + request.modelConfigUri() + ": model '" + config.name() + "', algorithm "
                + config.trainer().algorithm());
        if (request.runId() != null) {
            java.util.Optional<TrainingResult> done = finishedRun(config.name(), request.runId());
            if (done.isPresent()) {
                progress.accept("run " + request.runId() + " already produced " + done.get().packagePrefix() + ": not training again");
                return done.get();
            }
        }
        CsvDataset data = sources.dataset(request.datasetUri(), config);
        progress.accept("dataset " + request.datasetUri() + ": " + data.rows() + " rows, sha256 " + data.sha256());
        TrainedModel model = new Trainer().train(new TrainingInput(config, data, request.datasetUri(), request.seed(),
                request.initiator(), request.codeRevision(), trainerImage));
        progress.accept(String.format("trained in %.1f s: holdout AUC %.4f, log-loss %.4f; ONNX parity max diff %.2e",
                (System.nanoTime() - started) / 1e9, model.metrics().auc(), model.metrics().logLoss(), model.parityMaxAbsDiff()));
        String version = new VersionClaims(output, clock).allocate(config.name(), request.initiator());
        new ModelPackages(output).write(model.manifest(version, clock.instant()), model.onnx(), config);
        String prefix = ModelVersions.packagePrefix(config.name(), version);
        progress.accept("wrote package " + prefix);
        TrainingResult result = new TrainingResult(config.name(), version, prefix, model.metrics(), model.parityMaxAbsDiff());
        return request.runId() == null ? result : markRun(result, request.runId());
    }

    /**
     * Leaves the run marker after the package is complete. Two attempts of one run racing (a Batch retry while the
     * first attempt still finishes) both train, but only the first marker counts: the loser reports the winner's
     * version and its own package stays unregistered, so it is never served.
     */
    private TrainingResult markRun(TrainingResult result, String runId) {
        TrainingRun run = TrainingRun.of(result.model(), runId, result.version());
        if (output.createIfAbsent(TrainingRun.key(result.model(), runId), Json.write(run)).isPresent()) {
            progress.accept("marked run " + runId + " -> " + result.version());
            return result;
        }
        TrainingResult winner = finishedRun(result.model(), runId).orElseThrow();
        progress.accept("run " + runId + " was marked by another attempt with " + winner.version() + "; "
                + result.packagePrefix() + " stays unregistered");
        return winner;
    }

    /** The result recorded by an earlier attempt of {@code runId}, if its marker exists. */
    private java.util.Optional<TrainingResult> finishedRun(String model, String runId) {
        return output.get(TrainingRun.key(model, runId)).map(object -> {
            TrainingRun run = Json.read(object.bytes(), TrainingRun.class, object.key());
            PackageManifest manifest = new ModelPackages(output).readManifest(model, run.version());
            // Parity was checked when that attempt trained; NaN says this attempt did not measure it.
            return new TrainingResult(model, run.version(), run.packagePrefix(), manifest.metrics(), Double.NaN);
        });
    }
}
