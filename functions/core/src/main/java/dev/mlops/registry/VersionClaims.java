package dev.mlops.registry;

import dev.mlops.Json;
import dev.mlops.packaging.ModelVersions;
import dev.mlops.store.ArtifactStore;

import java.time.Clock;
import java.util.Map;

/**
 * Allocates version ids ({@code v1, v2, ...}) per model with the store's create-if-absent, so two trainers
 * running at once never take the same number. A claim is made before the package is written and is never
 * released: a training that dies burns its number (like S3 never reusing one), which keeps a half-written
 * package from ever being mistaken for a later version.
 */
public final class VersionClaims {

    private final ArtifactStore store;
    private final Clock clock;

    public VersionClaims(ArtifactStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code registry/{model}/claims/}: one document per allocated version. */
    public static String claimsPrefix(String model) {
        return "registry/" + ModelVersions.checkModel(model) + "/claims/";
    }

    /**
     * Claims the next free version of {@code model} for {@code claimant}.
     *
     * @return the claimed version id
     */
    public String allocate(String model, String claimant) {
        int next = highestClaimed(model) + 1;
        while (true) {
            String version = "v" + next;
            byte[] claim = Json.write(Map.of("model", model, "version", version, "claimant", claimant,
                    "claimedAt", clock.instant().toString()));
            if (store.createIfAbsent(claimsPrefix(model) + version + ".json", claim).isPresent()) {
                return version;
            }
            next++;
        }
    }

    private int highestClaimed(String model) {
        String prefix = claimsPrefix(model);
        return store.list(prefix).stream()
                .map(key -> key.substring(prefix.length()))
                .filter(name -> name.matches("v[1-9][0-9]*\\.json"))
                .mapToInt(name -> Integer.parseInt(name.substring(1, name.length() - 5)))
                .max().orElse(0);
    }
}
