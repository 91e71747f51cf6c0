package dev.mlops.local;

import dev.mlops.InvalidInputException;
import dev.mlops.MlopsException;
import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.registry.ModelRegistry;
import dev.mlops.registry.VersionClaims;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.ArtifactStores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the embedded runtime keeps its state and how it finds model configs.
 *
 * <p>{@code MLOPS_HOME} (default {@code .mlops} in the working directory) holds the artifact store under
 * {@code store/}; {@code MLOPS_STORE} may point the store elsewhere ({@code s3://bucket/prefix} against AWS or any
 * S3-compatible endpoint set with {@code AWS_ENDPOINT_URL}). Model configs are read from {@code MLOPS_MODELS}
 * (default {@code models}) and, failing that, from the copy published in the store.
 */
public final class LocalEnvironment {

    private final Path home;
    private final Path modelsDir;
    private final String storeLocation;
    private final ArtifactStore store;
    private final Clock clock;

    private LocalEnvironment(Path home, Path modelsDir, String storeLocation, ArtifactStore store, Clock clock) {
        this.home = home;
        this.modelsDir = modelsDir;
        this.storeLocation = storeLocation;
        this.store = store;
        this.clock = clock;
    }

    /** The environment described by {@code env} (normally {@code System.getenv()}). */
    public static LocalEnvironment from(Map<String, String> env, Clock clock) {
        Path home = Path.of(env.getOrDefault("MLOPS_HOME", ".mlops")).toAbsolutePath().normalize();
        Path modelsDir = Path.of(env.getOrDefault("MLOPS_MODELS", "models")).toAbsolutePath().normalize();
        ensureWritable(home);
        String location = env.getOrDefault("MLOPS_STORE", home.resolve("store").toString());
        return new LocalEnvironment(home, modelsDir, location, ArtifactStores.open(location), clock);
    }

    private static void ensureWritable(Path home) {
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new MlopsException("MLOPS_HOME " + home + " cannot be created (" + e + "); set MLOPS_HOME to a writable folder");
        }
        if (!Files.isWritable(home)) {
            throw new MlopsException("MLOPS_HOME " + home + " is not writable; set MLOPS_HOME to a writable folder");
        }
    }

    public Path home() {
        return home;
    }

    public Path modelsDir() {
        return modelsDir;
    }

    /** Where the store is, as given ({@code s3://...} or a folder). */
    public String storeLocation() {
        return storeLocation;
    }

    public ArtifactStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public ModelRegistry registry() {
        return new ModelRegistry(store, clock, () -> UUID.randomUUID().toString().substring(0, 8));
    }

    public ModelPackages packages() {
        return new ModelPackages(store);
    }

    public VersionClaims claims() {
        return new VersionClaims(store, clock);
    }

    /** The model.json file of {@code model} in the models folder, if there is one. */
    public Optional<Path> configFile(String model) {
        Path file = modelsDir.resolve(ModelVersions.checkModel(model)).resolve("model.json");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * The config of {@code model}: the file in the models folder, else the published copy in the store.
     *
     * @throws InvalidInputException naming both places when neither has it
     */
    public ModelConfig config(String model) {
        Optional<Path> file = configFile(model);
        if (file.isPresent()) {
            return ModelConfig.load(file.get());
        }
        String key = ModelVersions.configKey(model);
        return store.get(key).map(o -> ModelConfig.parse(o.bytes(), key)).orElseThrow(() -> new InvalidInputException(
                "unknown model '" + model + "': no " + modelsDir.resolve(model).resolve("model.json") + " and no published "
                        + key + " in the store"));
    }

    /** Where a store key can be looked at by a person: a file path for a local store, an s3:// URI otherwise. */
    public String describe(String key) {
        return storeLocation.startsWith("s3://") ? storeLocation.replaceAll("/+$", "") + "/" + key
                : Path.of(storeLocation).resolve(key).toString();
    }
}
