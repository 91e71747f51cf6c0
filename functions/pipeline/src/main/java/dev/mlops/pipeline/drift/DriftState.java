package dev.mlops.pipeline.drift;

import dev.mlops.Json;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.StoredObject;

import java.time.Instant;
import java.util.Optional;

/**
 * What the persistence rule remembers between checks ({@code drift/{model}/state.json}).
 *
 * @param version     the serving version the windows were compared against (a new champion starts afresh)
 * @param consecutive consecutive windows beyond the thresholds
 * @param lastCheckAt when the last check ran
 * @param lastVerdict its verdict
 */
public record DriftState(String version, int consecutive, Instant lastCheckAt, String lastVerdict) {

    /** {@code drift/{model}/state.json}. */
    public static String key(String model) {
        return "drift/" + ModelVersions.checkModel(model) + "/state.json";
    }

    /** The stored state and its object version, if any. */
    public static Optional<StoredObject> read(ArtifactStore store, String model) {
        return store.get(key(model));
    }

    /** Parses a stored state. */
    public static DriftState parse(StoredObject object) {
        return Json.read(object.bytes(), DriftState.class, object.key());
    }

    /**
     * Writes the state if nobody else wrote it since {@code previous} was read (two overlapping checks must not
     * both count a window); returns whether it was written.
     */
    public boolean writeOver(ArtifactStore store, String model, Optional<StoredObject> previous) {
        byte[] bytes = Json.write(this);
        return previous.isPresent()
                ? store.replaceIfVersionMatches(key(model), bytes, previous.get().version()).isPresent()
                : store.createIfAbsent(key(model), bytes).isPresent();
    }
}
