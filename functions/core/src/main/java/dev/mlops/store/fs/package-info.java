/**
 * {@link dev.mlops.store.fs.FileSystemArtifactStore}: artifacts as files under a root directory, safe for
 * several threads and several processes sharing that directory on one local filesystem.
 */
package dev.mlops.store.fs;
