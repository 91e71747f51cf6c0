package dev.mlops.registry;

import dev.mlops.localstack.DockerRequired;
import dev.mlops.localstack.LocalStack;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.s3.S3ArtifactStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry's contract (checked transitions, compare-and-swap deployment document, append-only audit) on
 * LocalStack S3. In core's package because {@link ModelRegistryContract} is package-private there (reused from
 * core's test jar).
 */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class ModelRegistryLocalStackIT extends ModelRegistryContract {

    private static final String BUCKET = "mlops-registry-it";
    private static final AtomicInteger STORES = new AtomicInteger();

    private static S3Client s3;

    @BeforeAll
    static void createBucket() {
        s3 = LocalStack.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Override
    ArtifactStore newStore() {
        return new S3ArtifactStore(s3, BUCKET, "registry-" + STORES.incrementAndGet());
    }
}
