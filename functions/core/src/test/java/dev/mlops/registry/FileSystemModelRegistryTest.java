package dev.mlops.registry;

import dev.mlops.store.ArtifactStore;
import dev.mlops.store.fs.FileSystemArtifactStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileSystemModelRegistryTest extends ModelRegistryContract {

    @TempDir
    Path root;

    @Override
    ArtifactStore newStore() {
        return new FileSystemArtifactStore(root);
    }
}
