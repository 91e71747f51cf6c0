package dev.mlops.inference.api;

import ai.onnxruntime.OrtEnvironment;
import dev.mlops.inference.LiveModels;
import dev.mlops.inference.OpenInference;
import dev.mlops.inference.PredictionIds;
import dev.mlops.inference.PredictionService;
import dev.mlops.inference.ServingMetrics;
import dev.mlops.inference.lines.BoundedFileLineSink;
import dev.mlops.inference.lines.LineSink;
import dev.mlops.inference.lines.StdoutLineSink;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.roles.JwtGroups;
import dev.mlops.roles.LocalTokens;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.ArtifactStores;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Wires the plain-Java serving domain into Micronaut: the only place that knows both. */
@Factory
public class InferenceFactory {

    /** Names this process's capture and metric files. */
    private final String instanceId = "i-" + UUID.randomUUID().toString().substring(0, 8);

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    ArtifactStore store(InferenceConfiguration config) {
        return ArtifactStores.open(config.resolvedStore());
    }

    @Singleton
    @Bean(preDestroy = "close")
    LiveModels liveModels(ArtifactStore store, InferenceConfiguration config, Clock clock) {
        // The registry is only read here: this function never writes it (no ids needed for audit events).
        ModelRegistry registry = new ModelRegistry(store, clock, () -> {
            throw new IllegalStateException("the inference function never writes the registry");
        });
        return new LiveModels(registry, new ModelPackages(store), OrtEnvironment.getEnvironment(), clock, config.getDeploymentTtl());
    }

    @Singleton
    @Requires(env = "lambda")
    @Bean(preDestroy = "close")
    LineSink lambdaLines() {
        return new StdoutLineSink(System.out);
    }

    @Singleton
    @Requires(notEnv = "lambda")
    @Bean(preDestroy = "close")
    LineSink localLines(InferenceConfiguration config) {
        String store = config.resolvedStore();
        Path root = store.startsWith("s3://") ? Path.of(config.getHome(), "lines") : Path.of(store);
        return new BoundedFileLineSink(root, config.getCaptureQueue());
    }

    @Singleton
    ServingMetrics metrics(LineSink lines, Clock clock) {
        return new ServingMetrics(lines, clock, instanceId);
    }

    @Singleton
    PredictionService predictions(LiveModels models, LineSink lines, ServingMetrics metrics, Clock clock,
                                  InferenceConfiguration config) {
        SplittableRandom seeds = new SplittableRandom(new SecureRandom().nextLong());
        return new PredictionService(models, lines, metrics, clock, PredictionIds::random,
                RandomGenerator.of("L64X128MixRandom"), config.getPayloadLimit(), instanceId + "-" + Long.toHexString(seeds.nextLong() & 0xffff));
    }

    @Singleton
    OpenInference openInference(LiveModels models, ServingMetrics metrics, InferenceConfiguration config) {
        return new OpenInference(models, metrics, RandomGenerator.of("L64X128MixRandom"), config.getPayloadLimit());
    }

    @Singleton
    @Requires(env = "lambda")
    Authenticator jwtAuthenticator(InferenceConfiguration config) {
        return new JwtClaimsAuthenticator(new JwtGroups(config.getGroupsClaim()));
    }

    @Singleton
    @Requires(notEnv = "lambda")
    Authenticator tokenAuthenticator(InferenceConfiguration config) {
        return new LocalTokenAuthenticator(LocalTokens.readOrCreate(Path.of(config.getHome(), "tokens.json"), new SecureRandom()).tokens());
    }
}
