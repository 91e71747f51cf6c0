package dev.mlops.trainer;

import dev.mlops.InvalidDocumentException;
import dev.mlops.model.ModelConfig;
import dev.mlops.store.ArtifactNotFoundException;
import dev.mlops.trainer.data.CsvDataset;
import dev.mlops.trainer.data.TrainingDataException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the job's inputs from {@code s3://bucket/key}, {@code file:} URIs or plain paths. */
final class Sources {

    private final StoreLocator stores;

    Sources(StoreLocator stores) {
        this.stores = stores;
    }

    ModelConfig config(String uri) {
        byte[] bytes;
        try (InputStream in = open(uri)) {
            bytes = in.readAllBytes();
        } catch (IOException | ArtifactNotFoundException e) {
            throw new InvalidDocumentException(uri, "$", "cannot read model config: " + e.getMessage());
        }
        return ModelConfig.parse(bytes, uri);
    }

    CsvDataset dataset(String uri, ModelConfig config) {
        try (InputStream in = open(uri)) {
            return CsvDataset.read(in, config, uri);
        } catch (IOException | ArtifactNotFoundException e) {
            throw new TrainingDataException(uri + ": cannot read dataset: " + e.getMessage(), e);
        }
    }

    private InputStream open(String uri) throws IOException {
        if (uri.startsWith("s3://")) {
            String rest = uri.substring("s3://".length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                throw new IllegalArgumentException("'" + uri + "' must look like s3://bucket/key");
            }
            return new ByteArrayInputStream(stores.open("s3://" + rest.substring(0, slash)).require(rest.substring(slash + 1)).bytes());
        }
        Path path = uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
        return Files.newInputStream(path);
    }
}
