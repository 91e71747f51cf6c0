package dev.mlops.store;

import dev.mlops.store.fs.FileSystemArtifactStore;
import dev.mlops.store.s3.S3ArtifactStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactStoresTest {

    @TempDir
    Path tempDir;

    @Test
    void open_s3UriWithPrefix_opensS3StoreOnBucketAndPrefix() {
        S3ArtifactStore store = assertInstanceOf(S3ArtifactStore.class, ArtifactStores.open("s3://mlops-artifacts/env/dev/"));

        assertEquals("mlops-artifacts", store.bucket());
        assertEquals("env/dev/", store.keyPrefix());
    }

    @Test
    void open_s3UriWithoutPrefix_usesWholeBucket() {
        S3ArtifactStore store = assertInstanceOf(S3ArtifactStore.class, ArtifactStores.open("s3://mlops-artifacts"));

        assertEquals("mlops-artifacts", store.bucket());
        assertEquals("", store.keyPrefix());
    }

    @Test
    void open_s3UriWithoutBucket_throwsNamingLocation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("s3://"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("s3:///prefix"));

        assertTrue(e.getMessage().contains("'s3://'") && e.getMessage().contains("no bucket"), e.getMessage());
    }

    @Test
    void open_plainPath_opensFileSystemStoreThere() {
        FileSystemArtifactStore store = assertInstanceOf(FileSystemArtifactStore.class,
                ArtifactStores.open(tempDir.resolve("store").toString()));

        assertEquals(tempDir.resolve("store").toAbsolutePath(), store.root());
    }

    @Test
    void open_fileUri_opensFileSystemStoreThere() {
        FileSystemArtifactStore store = assertInstanceOf(FileSystemArtifactStore.class,
                ArtifactStores.open(tempDir.resolve("uri-store").toUri().toString()));

        assertEquals(tempDir.resolve("uri-store").toAbsolutePath(), store.root());
    }

    @Test
    void open_blankOrBadFileUri_throws() {
        assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open(" "));
        assertThrows(IllegalArgumentException.class, () -> ArtifactStores.open("file:relative/path"));
    }
}
