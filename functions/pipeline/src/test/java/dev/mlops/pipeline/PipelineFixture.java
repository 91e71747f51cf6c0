package dev.mlops.pipeline;

import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.TrainingRun;
import dev.mlops.pipeline.notification.ConsoleLinks;
import dev.mlops.pipeline.notification.FileNotifier;
import dev.mlops.pipeline.tasks.PipelineContext;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.DeploymentMode;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.ModelStatus;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.fs.FileSystemArtifactStore;
import dev.mlops.trainer.TrainingJob;
import dev.mlops.trainer.TrainingRequest;
import dev.mlops.trainer.TrainingResult;
import dev.mlops.trainer.data.Coefficients;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real models for the pipeline tests: credit-risk versions trained with the real trainer on generated data, in a
 * filesystem store under a temporary folder, with a clock the test moves.
 */
public final class PipelineFixture {

    public static final Path CREDIT_RISK = Path.of("../../models/credit-risk/model.json");
    public static final Path CHURN = Path.of("../../models/churn/model.json");
    public static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

    /** Labels that ignore every feature: a model trained on them ranks no better than chance. */
    public static final Coefficients NOISE = new Coefficients(-2.15, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0.3);

    public final Path dir;
    public final ArtifactStore store;
    public final MutableClock clock = new MutableClock(START);
    public final PipelineContext context;
    private final AtomicInteger ids = new AtomicInteger();

    public PipelineFixture(Path dir) {
        this.dir = dir;
        this.store = new FileSystemArtifactStore(dir.resolve("store"));
        this.context = PipelineContext.of(store, new FileNotifier(dir.resolve("notifications.jsonl"), clock),
                new ConsoleLinks("http://console.test", null), clock, () -> "e" + ids.incrementAndGet());
    }

    /** A fixture over a copy of {@code template}'s store: tests share trained models, not registry state. */
    public static PipelineFixture copyOf(PipelineFixture template, Path dir) {
        Path from = template.dir.resolve("store");
        Path to = dir.resolve("store");
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PipelineFixture(dir);
    }

    public ModelRegistry registry() {
        return context.registry();
    }

    /** Trains a credit-risk version on {@code rows} generated rows and leaves the marker of {@code runId}. */
    public TrainingResult train(String runId, long seed, int rows, DriftKnobs knobs) {
        return train(CREDIT_RISK, runId, seed, csv(seed, rows, knobs));
    }

    /** Trains the model of {@code config} on {@code csv}. */
    public TrainingResult train(Path config, String runId, long seed, byte[] csv) {
        try {
            Path data = Files.write(dir.resolve("train-" + runId + ".csv"), csv);
            TrainingJob job = new TrainingJob(store, location -> store, clock, "local", line -> {
            });
            return job.run(new TrainingRequest(data.toString(), config.toString(), seed, "ds-alice", "test", runId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] csv(long seed, int rows, DriftKnobs knobs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CreditRiskGenerator(seed, knobs).writeCsv(rows, out);
        return out.toByteArray();
    }

    /** Registers {@code version} (if needed) and walks it to CHAMPION as the pipeline would. */
    public void makeChampion(String model, String version) {
        ModelRegistry registry = registry();
        if (registry.version(model, version).isEmpty()) {
            registry.register(model, version, "ds-alice");
        }
        registry.transition(model, version, ModelStatus.PENDING_APPROVAL, "test", "gate");
        registry.transition(model, version, ModelStatus.APPROVED, "approver-bob", "ok");
        registry.transition(model, version, ModelStatus.CANARY, "test", "canary");
        registry.promote(model, version, registry.deployment(model).revision(), "test", "champion for the test");
    }

    /** Registers {@code version} and approves it (ready for DeployCanary). */
    public void approve(String model, String version) {
        ModelRegistry registry = registry();
        registry.register(model, version, "ds-alice");
        registry.transition(model, version, ModelStatus.PENDING_APPROVAL, "test", "gate");
        registry.transition(model, version, ModelStatus.APPROVED, "approver-bob", "ok");
    }

    public Deployment deployment(String model) {
        return registry().deployment(model);
    }

    public static ModelConfig creditRisk() {
        return ModelConfig.load(CREDIT_RISK);
    }

    static String marker(String model, String runId) {
        return TrainingRun.key(model, runId);
    }

    static DeploymentMode canary() {
        return DeploymentMode.CANARY;
    }
}
