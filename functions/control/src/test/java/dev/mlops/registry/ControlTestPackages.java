package dev.mlops.registry;

import dev.mlops.Json;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.store.ArtifactStore;

/** Core's small stand-in packages (package-private there), opened to the control API's tests. */
public final class ControlTestPackages {

    private ControlTestPackages() {
    }

    /** Writes a complete package of {@code model}/{@code version}. */
    public static void write(ArtifactStore store, String model, String version) {
        TestPackages.write(store, model, version);
    }

    /** Publishes the model's config, as {@code ./mlops models publish} does. */
    public static void publishConfig(ArtifactStore store, String model) {
        store.put(ModelVersions.configKey(model), Json.write(TestPackages.config(model)));
    }
}
