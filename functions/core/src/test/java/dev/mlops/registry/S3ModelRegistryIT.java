package dev.mlops.registry;

import dev.mlops.store.ArtifactStore;
import dev.mlops.store.s3.S3ArtifactStore;
import dev.mlops.store.s3.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.concurrent.atomic.AtomicInteger;

/** The registry contract, races included, over real S3 API calls to an in-process s3proxy. */
class S3ModelRegistryIT extends ModelRegistryContract {

    private static final String BUCKET = "registry";
    private static final AtomicInteger runs = new AtomicInteger();

    private static S3ProxyServer server;
    private static S3Client client;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start();
        server.createBucket(BUCKET);
        client = server.newClient();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @Override
    ArtifactStore newStore() {
        return new S3ArtifactStore(client, BUCKET, "run-" + runs.incrementAndGet());
    }
}
