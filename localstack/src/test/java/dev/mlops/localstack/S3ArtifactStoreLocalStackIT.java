package dev.mlops.localstack;

import dev.mlops.store.ArtifactStore;
import dev.mlops.store.ArtifactStoreContract;
import dev.mlops.store.s3.S3ArtifactStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link S3ArtifactStore} against LocalStack's S3: the whole {@link ArtifactStoreContract} of core (the one the
 * filesystem store and s3proxy pass), including create-if-absent (If-None-Match: *) and compare-and-swap
 * (If-Match) under contention. Assumes LocalStack answers conditional PutObject as S3 does (412, or 409
 * ConditionalRequestConflict on a race): LocalStack 4.x implements both headers.
 */
@ExtendWith(DockerRequired.class)
@Testcontainers(disabledWithoutDocker = true)
class S3ArtifactStoreLocalStackIT extends ArtifactStoreContract {

    private static final String BUCKET = "mlops-artifacts-it";
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
    protected ArtifactStore newStore() {
        return new S3ArtifactStore(s3, BUCKET, "contract-" + STORES.incrementAndGet());
    }
}
