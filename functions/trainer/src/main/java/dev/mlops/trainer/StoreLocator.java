package dev.mlops.trainer;

import dev.mlops.store.ArtifactStore;
import dev.mlops.store.ArtifactStores;

/** Opens the artifact store at a location: {@code s3://bucket[/prefix]} or a directory path. */
@FunctionalInterface
public interface StoreLocator {

    /** The store at {@code location}. */
    ArtifactStore open(String location);

    /** The project's own resolver, {@link ArtifactStores#open(String)}. */
    static StoreLocator artifactStores() {
        return ArtifactStores::open;
    }
}
