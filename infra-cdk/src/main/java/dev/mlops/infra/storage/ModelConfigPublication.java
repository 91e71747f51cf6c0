package dev.mlops.infra.storage;

import dev.mlops.infra.InfraException;
import dev.mlops.infra.config.ModelSpec;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.ISource;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes each {@code models/<name>/model.json} of the repository to {@code models/<name>/model.json} in the
 * artifact bucket at deploy, as {@code ./mlops models publish} does locally: the control API refuses trainings of
 * unpublished models, and the pipeline reads its policies from there.
 *
 * <p>A BucketDeployment (CDK's custom resource that copies assets with {@code aws s3 sync}) that never prunes:
 * {@code models/} also holds every trained package ({@code models/<name>/<version>/}), which a prune would delete.
 * Objects it wrote stay when the stack is deleted, like the bucket. The files are copied byte for byte; a deploy
 * after an edit of a model.json publishes the new text.
 */
public final class ModelConfigPublication extends Construct {

    /** The bucket prefix the configs go under. */
    public static final String PREFIX = "models/";
    /** The config file of each model, in the repository and in the bucket. */
    public static final String FILE = "model.json";

    private final BucketDeployment deployment;

    /** One deployment of every model's config from {@code modelsDir}. */
    public ModelConfigPublication(Construct scope, String id, ArtifactStorage storage, Path modelsDir, List<ModelSpec> models) {
        super(scope, id);
        List<ISource> sources = new ArrayList<>();
        for (ModelSpec model : models) {
            sources.add(Source.data(model.name() + "/" + FILE, read(modelsDir.resolve(model.name()).resolve(FILE))));
        }
        deployment = BucketDeployment.Builder.create(this, "Deployment")
                .sources(sources)
                .destinationBucket(storage.getBucket())
                .destinationKeyPrefix(PREFIX)
                .prune(false)
                .retainOnDelete(true)
                .contentType("application/json")
                .build();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InfraException("cannot read model config " + file + " to publish it: " + e.getMessage(), e);
        }
    }

    /** The bucket deployment. */
    public BucketDeployment getDeployment() {
        return deployment;
    }
}
