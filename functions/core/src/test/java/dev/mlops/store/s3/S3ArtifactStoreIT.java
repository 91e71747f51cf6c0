package dev.mlops.store.s3;

import dev.mlops.store.ArtifactStore;
import dev.mlops.store.ArtifactStoreContract;
import dev.mlops.store.ArtifactStoreException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link S3ArtifactStore} against a real S3 API (s3proxy on loopback); each test gets its own key prefix. */
class S3ArtifactStoreIT extends ArtifactStoreContract {

    private static final String BUCKET = "artifacts";

    private static S3ProxyServer server;
    private static S3Client client;

    private final AtomicInteger stores = new AtomicInteger();
    private static final AtomicInteger runs = new AtomicInteger();

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
    protected ArtifactStore newStore() {
        return new S3ArtifactStore(client, BUCKET, "run-" + runs.incrementAndGet() + "-" + stores.incrementAndGet());
    }

    @Test
    void list_keyPrefix_isStrippedAndOtherPrefixesInvisible() {
        S3ArtifactStore teamA = new S3ArtifactStore(client, BUCKET, "iso/team-a/");
        S3ArtifactStore teamAb = new S3ArtifactStore(client, BUCKET, "iso/team-ab");
        teamA.put("models/x", utf8("a"));
        teamAb.put("models/y", utf8("b"));

        assertEquals(List.of("models/x"), teamA.list(""));
        assertEquals(List.of("models/y"), teamAb.list("models/"));
        assertEquals("iso/team-ab/", teamAb.keyPrefix());
        assertEquals("a", new String(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("iso/team-a/models/x")).asByteArray()));
    }

    @Test
    void fromEnvironment_endpointFromStandardSdkSetting_reachesServerAndHonoursConditions() {
        // -Daws.endpointUrl is the system-property twin of AWS_ENDPOINT_URL; the SDK reads either, we read neither.
        var saved = new java.util.HashMap<String, String>();
        for (String p : List.of("aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey", "aws.region")) {
            saved.put(p, System.getProperty(p));
        }
        System.setProperty("aws.endpointUrl", server.endpoint().toString());
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        System.setProperty("aws.region", "us-east-1");
        try {
            S3ArtifactStore store = S3ArtifactStore.fromEnvironment(BUCKET, "from-env-" + runs.incrementAndGet());
            String version = store.createIfAbsent("doc.json", new byte[] {1}).orElseThrow();
            assertTrue(store.createIfAbsent("doc.json", new byte[] {2}).isEmpty(), "second create must be refused");
            assertTrue(store.replaceIfVersionMatches("doc.json", new byte[] {3}, "0".repeat(32)).isEmpty(), "stale CAS must be refused");
            assertTrue(store.replaceIfVersionMatches("doc.json", new byte[] {4}, version).isPresent());
            assertEquals(4, store.require("doc.json").bytes()[0]);
        } finally {
            saved.forEach((p, v) -> {
                if (v == null) {
                    System.clearProperty(p);
                } else {
                    System.setProperty(p, v);
                }
            });
        }
    }

    @Test
    void put_version_isUnquotedMd5Etag() {
        ArtifactStore store = newStore();

        assertEquals("5d41402abc4b2a76b9719d911017c592", store.put("doc", utf8("hello")));
    }

    @Test
    void anyOperation_missingBucket_throwsNamingKeyAndBucket() {
        S3ArtifactStore store = new S3ArtifactStore(client, "no-such-bucket", "");

        ArtifactStoreException e = assertThrows(ArtifactStoreException.class, () -> store.put("k/1", utf8("x")));

        assertTrue(e.getMessage().contains("'k/1'") && e.getMessage().contains("'no-such-bucket'"), e.getMessage());
    }

    /** Pins the server behaviour the contract relies on, so an s3proxy upgrade that drops it fails loudly here. */
    @Test
    void s3proxy_conditionalPuts_answer412LikeS3() {
        String key = "probe/conditional-" + runs.incrementAndGet();
        client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("v1"));

        S3Exception ifNoneMatch = assertThrows(S3Exception.class, () -> client.putObject(
                b -> b.bucket(BUCKET).key(key).ifNoneMatch("*"), RequestBody.fromString("v2")));
        S3Exception ifMatch = assertThrows(S3Exception.class, () -> client.putObject(
                b -> b.bucket(BUCKET).key(key).ifMatch("\"0123456789abcdef0123456789abcdef\""), RequestBody.fromString("v2")));

        assertEquals(412, ifNoneMatch.statusCode());
        assertEquals(412, ifMatch.statusCode());
    }
}
