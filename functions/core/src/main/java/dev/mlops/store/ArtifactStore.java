package dev.mlops.store;

import java.util.List;
import java.util.Optional;

/**
 * Keyed blob storage: the one place every document of the loop lives (packages, registry, audit, capture).
 *
 * <p>Keys are relative, slash-separated paths such as {@code registry/credit-risk/versions/v1.json}; see
 * {@link ArtifactKeys#validate(String)}. Every object carries an opaque {@code version} token that changes
 * whenever its bytes change (the ETag in S3); conditional writes compare against it. Implementations:
 * {@code FileSystemArtifactStore} (the embedded default) and {@code S3ArtifactStore}.
 */
public interface ArtifactStore {

    /** Writes {@code bytes} under {@code key}, replacing any object there; returns the new version. */
    String put(String key, byte[] bytes);

    /** The object under {@code key}, or empty when there is none. */
    Optional<StoredObject> get(String key);

    /** Keys that start with {@code prefix} (any depth), sorted as text. An empty prefix lists everything. */
    List<String> list(String prefix);

    /** Removes the object under {@code key}; removing a missing key is not an error. */
    void delete(String key);

    /**
     * Writes {@code bytes} only if nothing is stored under {@code key} yet.
     *
     * @return the new version, or empty when an object already existed (nothing was written)
     */
    Optional<String> createIfAbsent(String key, byte[] bytes);

    /**
     * Replaces the object under {@code key} only if its current version is {@code expectedVersion}.
     *
     * @return the new version, or empty when the object is missing or has another version (nothing was written)
     */
    Optional<String> replaceIfVersionMatches(String key, byte[] bytes, String expectedVersion);

    /** The object under {@code key}, or a {@link ArtifactNotFoundException} naming it. */
    default StoredObject require(String key) {
        return get(key).orElseThrow(() -> new ArtifactNotFoundException(key));
    }
}
