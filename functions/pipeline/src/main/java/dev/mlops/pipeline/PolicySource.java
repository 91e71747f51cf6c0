package dev.mlops.pipeline;

import dev.mlops.model.ModelConfig;
import dev.mlops.packaging.ModelPackages;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.StoredObject;

/**
 * The policies that apply to a version: those of the model.json frozen into its package (what it was trained
 * and gated with), with the input's policy profile laid over them. Reading the package's copy rather than the
 * published config means a config edit during a running canary cannot change that canary's rules.
 */
public final class PolicySource {

    private final ArtifactStore store;

    public PolicySource(ArtifactStore store) {
        this.store = store;
    }

    /** The config of {@code model}/{@code version} with {@code profile} applied (null: none). */
    public ModelConfig config(String model, String version, String profile) {
        String key = ModelVersions.packagePrefix(model, version) + ModelPackages.CONFIG_FILE;
        StoredObject object = store.require(key);
        return ModelConfig.parse(object.bytes(), key).withProfile(profile);
    }
}
