/**
 * Artifact storage: the {@link dev.mlops.store.ArtifactStore} contract every document of the loop goes through,
 * key rules ({@link dev.mlops.store.ArtifactKeys}) and {@link dev.mlops.store.ArtifactStores#open(String)}, which
 * picks an implementation from a location string.
 *
 * <p>Implementations live by mechanism in {@code dev.mlops.store.fs} (a local directory) and
 * {@code dev.mlops.store.s3} (an S3 bucket). Both give the same guarantees: whole-object reads and writes,
 * a content-derived version token, and conditional writes that are atomic against concurrent writers.
 */
package dev.mlops.store;
