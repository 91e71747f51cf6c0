package dev.mlops.inference;

import ai.onnxruntime.OrtEnvironment;
import dev.mlops.MlopsException;
import dev.mlops.packaging.CorruptPackageException;
import dev.mlops.packaging.ModelPackage;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.registry.Deployment;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.VersionRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models this function serves, read-only: deployment documents cached for a short TTL, and one ONNX Runtime
 * session per model version, loaded once from a verified package.
 *
 * <p>A package that is corrupt (hash mismatch, unreadable graph, a registry hash that differs from the
 * package's) is never loaded: the last good champion keeps answering, and {@link #problems()} (readiness)
 * names the failure until the deployment changes or the package is fixed.
 */
public final class LiveModels implements AutoCloseable {

    private final ModelRegistry registry;
    private final ModelPackages packages;
    private final OrtEnvironment env;
    private final Clock clock;
    private final Duration ttl;

    private final Map<String, CachedDeployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, OnnxModel> sessions = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, OnnxModel> lastGoodChampion = new ConcurrentHashMap<>();

    private record CachedDeployment(Deployment deployment, boolean exists, Instant readAt) {
    }

    private record Failure(String problem, Instant at) {
    }

    /**
     * @param ttl how long a deployment document is trusted before it is read again (promotions take at most this
     *            long to reach every instance)
     */
    public LiveModels(ModelRegistry registry, ModelPackages packages, OrtEnvironment env, Clock clock, Duration ttl) {
        this.registry = registry;
        this.packages = packages;
        this.env = env;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * What answers for {@code model} now.
     *
     * @throws ModelNotFoundException  when the model has no registered version
     * @throws NoLiveVersionException  when nothing is deployed or the champion cannot be loaded and none was before
     */
    public Serving serving(String model) {
        Deployment deployment = deployment(model);
        if (deployment.champion() == null) {
            return firstRelease(model, deployment);
        }
        OnnxModel champion = tryLoad(model, deployment.champion());
        if (champion == null) {
            champion = lastGoodChampion.get(model);
            if (champion == null) {
                throw new NoLiveVersionException("model '" + model + "': champion " + deployment.champion()
                        + " cannot be loaded (" + failures.get(key(model, deployment.champion())).problem() + ")");
            }
        } else {
            lastGoodChampion.put(model, champion);
        }
        OnnxModel challenger = deployment.challenger() == null ? null : tryLoad(model, deployment.challenger());
        return new Serving(model, deployment, champion, challenger);
    }

    /** No champion yet: the first version's canary serves alone, if there is one and it loads. */
    private Serving firstRelease(String model, Deployment deployment) {
        OnnxModel challenger = deployment.challenger() == null ? null : tryLoad(model, deployment.challenger());
        if (challenger == null) {
            throw new NoLiveVersionException("model '" + model + "' has no live version (no champion has been promoted yet"
                    + (deployment.challenger() == null ? "" : " and its first canary " + deployment.challenger()
                    + " cannot be loaded: " + failures.get(key(model, deployment.challenger())).problem()) + ")");
        }
        return new Serving(model, deployment, null, challenger);
    }

    /** The model's deployment, from the cache while it is fresh. */
    public Deployment deployment(String model) {
        if (model == null || !model.matches(dev.mlops.model.ModelConfig.NAME_PATTERN)) {
            throw new ModelNotFoundException(String.valueOf(model));
        }
        Instant now = clock.instant();
        CachedDeployment cached = deployments.get(model);
        if (cached == null || !cached.readAt().plus(ttl).isAfter(now)) {
            Deployment read = registry.deployment(model);
            boolean exists = read.revision() > 0 || !registry.versions(model).isEmpty();
            cached = new CachedDeployment(read, exists, now);
            deployments.put(model, cached);
        }
        if (!cached.exists()) {
            throw new ModelNotFoundException(model);
        }
        return cached.deployment();
    }

    /** Loads every deployed model of the registry and runs one inference on each: warm sessions for a snapshot. */
    public void prime() {
        for (String model : registry.models()) {
            try {
                Serving serving = serving(model);
                serving.primary().run(new float[][] {new float[serving.primary().manifest().input().width()]});
            } catch (NoLiveVersionException | ModelNotFoundException notDeployed) {
                // Nothing live for this model yet: nothing to warm.
            }
        }
    }

    /**
     * Forgets cached deployments and load failures, so the next request re-reads deployment.json and retries
     * broken packages. Loaded sessions stay: a version's package never changes once registered.
     */
    public void refresh() {
        deployments.clear();
        failures.clear();
    }

    /** Problems readiness should report, by {@code model/version}. */
    public Map<String, String> problems() {
        Map<String, String> problems = new TreeMap<>();
        failures.forEach((key, failure) -> problems.put(key, failure.problem()));
        return problems;
    }

    /** Versions with a loaded session, as {@code model/version}. */
    public List<String> loaded() {
        List<String> loaded = new ArrayList<>(sessions.keySet());
        loaded.sort(null);
        return loaded;
    }

    private OnnxModel tryLoad(String model, String version) {
        String key = key(model, version);
        OnnxModel loaded = sessions.get(key);
        if (loaded != null) {
            return loaded;
        }
        Failure failure = failures.get(key);
        if (failure != null && failure.at().plus(ttl).isAfter(clock.instant())) {
            return null;
        }
        try {
            OnnxModel session = sessions.computeIfAbsent(key, k -> load(model, version));
            failures.remove(key);
            return session;
        } catch (MlopsException e) {
            failures.put(key, new Failure(e.getMessage(), clock.instant()));
            return null;
        }
    }

    private OnnxModel load(String model, String version) {
        VersionRecord record = registry.requireVersion(model, version);
        ModelPackage pkg = packages.read(model, version);
        if (!record.onnxSha256().equals(pkg.manifest().onnxSha256())) {
            throw new CorruptPackageException(model + "/" + version + ": package model.onnx has SHA-256 "
                    + pkg.manifest().onnxSha256() + " but the registry recorded " + record.onnxSha256() + " at registration");
        }
        return OnnxModel.load(pkg, env);
    }

    private static String key(String model, String version) {
        return model + "/" + version;
    }

    @Override
    public void close() {
        sessions.values().forEach(OnnxModel::close);
        sessions.clear();
    }
}
