package dev.mlops.inference;

import dev.mlops.Json;
import dev.mlops.model.ModelConfig;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.DeploymentMode;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.ModelStatus;
import dev.mlops.roles.LocalTokens;
import dev.mlops.roles.Role;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.fs.FileSystemArtifactStore;
import dev.mlops.trainer.TrainingJob;
import dev.mlops.trainer.TrainingRequest;
import dev.mlops.trainer.data.CreditRiskGenerator;
import dev.mlops.trainer.data.DriftKnobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local MLOPS_HOME with real trained models: credit-risk v1 and v2 (both canary-ready, v1 the champion) and
 * a second model {@code churn-risk} that is registered but never deployed.
 */
public final class ServingFixture {

    public static final String MODEL = "credit-risk";
    public static final String UNDEPLOYED = "churn-risk";

    public final Path home;
    public final ArtifactStore store;
    public final ModelRegistry registry;
    public final String clientToken;

    private ServingFixture(Path home) {
        this.home = home;
        this.store = new FileSystemArtifactStore(home.resolve("store"));
        AtomicInteger ids = new AtomicInteger();
        this.registry = new ModelRegistry(store, Clock.systemUTC(), () -> "t" + ids.incrementAndGet());
        this.clientToken = LocalTokens.readOrCreate(home.resolve("tokens.json"), new SecureRandom()).tokens()
                .tokenFor(Role.CLIENT).orElseThrow();
    }

    /** Trains and registers everything under {@code home}. */
    public static ServingFixture create(Path home) {
        ServingFixture f = new ServingFixture(home);
        Path config = Path.of("../../models/credit-risk/model.json");
        f.train(config, 11);
        f.train(config, 12);
        f.toCanary("v1");
        f.toCanary("v2");
        f.registry.promote(MODEL, "v1", 0, "ops", "fixture");
        ModelConfig churn = ModelConfig.load(config);
        churn = new ModelConfig(UNDEPLOYED, churn.description(), churn.label(), churn.features(), churn.trainer(),
                churn.evaluation(), churn.canary(), churn.drift(), churn.capture());
        try {
            Path churnConfig = home.resolve("churn-model.json");
            Files.write(churnConfig, Json.write(churn));
            f.train(churnConfig, 13);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /** Trains one version from generated data; returns it. */
    public String train(Path config, long seed) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        new CreditRiskGenerator(seed, DriftKnobs.none()).writeCsv(2000, csv);
        try {
            Path data = home.resolve("data-" + seed + ".csv");
            Files.write(data, csv.toByteArray());
            TrainingJob job = TrainingJob.writingTo(store);
            var result = job.run(new TrainingRequest(data.toString(), config.toString(), seed, "alice", "test"));
            registry.register(result.model(), result.version(), "alice");
            return result.version();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a registered version through approval to CANARY. */
    public void toCanary(String version) {
        registry.transition(MODEL, version, ModelStatus.PENDING_APPROVAL, "system:pipeline", "gate passed");
        registry.transition(MODEL, version, ModelStatus.APPROVED, "bob", "approved");
        registry.transition(MODEL, version, ModelStatus.CANARY, "system:pipeline", "canary");
    }

    /** Sets the deployment to champion v1 with {@code challenger} at {@code weight} percent in {@code mode}. */
    public void deploy(String challenger, int weight, DeploymentMode mode) {
        Deployment current = registry.deployment(MODEL);
        Deployment next = challenger == null ? current.withoutChallenger() : current.withChallenger(challenger, weight, mode);
        registry.changeDeployment(MODEL, current.revision(), next, "ops", "test");
    }
}
