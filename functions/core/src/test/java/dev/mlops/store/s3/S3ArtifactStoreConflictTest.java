package dev.mlops.store.s3;

import dev.mlops.store.ArtifactStoreException;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * S3's 409 ConditionalRequestConflict (two conditional writes on one key overlapping) cannot be provoked on
 * s3proxy, so these tests answer PutObject from a stub client.
 */
class S3ArtifactStoreConflictTest {

    private static final byte[] BYTES = "doc".getBytes(StandardCharsets.UTF_8);

    @Test
    void createIfAbsent_conflictOnce_retriesAndReturnsVersion() {
        StubS3 s3 = new StubS3(1, "\"new-etag\"", Optional.empty());

        Optional<String> version = new S3ArtifactStore(s3, "bucket", "p").createIfAbsent("k", BYTES);

        assertEquals(Optional.of("new-etag"), version);
        assertEquals(2, s3.puts.size());
        assertEquals("*", s3.puts.get(1).ifNoneMatch());
        assertEquals("p/k", s3.puts.get(1).key());
    }

    @Test
    void createIfAbsent_conflictEveryTryAndKeyNowExists_returnsEmpty() {
        StubS3 s3 = new StubS3(Integer.MAX_VALUE, "\"unused\"", Optional.of("\"theirs\""));

        Optional<String> version = new S3ArtifactStore(s3, "bucket", "").createIfAbsent("k", BYTES);

        assertEquals(Optional.empty(), version);
        assertEquals(S3ArtifactStore.CONFLICT_ATTEMPTS, s3.puts.size());
    }

    @Test
    void createIfAbsent_conflictEveryTryAndKeyStillAbsent_throwsNamingKeyAndBucket() {
        StubS3 s3 = new StubS3(Integer.MAX_VALUE, "\"unused\"", Optional.empty());
        S3ArtifactStore store = new S3ArtifactStore(s3, "bucket", "");

        ArtifactStoreException e = assertThrows(ArtifactStoreException.class, () -> store.createIfAbsent("k", BYTES));

        assertEquals(true, e.getMessage().contains("'k'") && e.getMessage().contains("'bucket'"), e.getMessage());
    }

    @Test
    void replaceIfVersionMatches_conflictOnceAndVersionStillCurrent_retriesAndReturnsVersion() {
        StubS3 s3 = new StubS3(1, "\"v2\"", Optional.of("\"v1\""));

        Optional<String> version = new S3ArtifactStore(s3, "bucket", "").replaceIfVersionMatches("k", BYTES, "v1");

        assertEquals(Optional.of("v2"), version);
        assertEquals(2, s3.puts.size());
        assertEquals("\"v1\"", s3.puts.get(1).ifMatch());
    }

    @Test
    void replaceIfVersionMatches_conflictAndVersionMovedOn_returnsEmptyWithoutRetry() {
        StubS3 s3 = new StubS3(1, "\"unused\"", Optional.of("\"v9\""));

        Optional<String> version = new S3ArtifactStore(s3, "bucket", "").replaceIfVersionMatches("k", BYTES, "v1");

        assertEquals(Optional.empty(), version);
        assertEquals(1, s3.puts.size());
    }

    /** Answers the first {@code conflicts} PutObjects with 409, later ones with {@code etag}; HeadObject with {@code current}. */
    private static final class StubS3 implements S3Client {

        final List<PutObjectRequest> puts = new ArrayList<>();
        private final int conflicts;
        private final String etag;
        private final Optional<String> current;

        StubS3(int conflicts, String etag, Optional<String> current) {
            this.conflicts = conflicts;
            this.etag = etag;
            this.current = current;
        }

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            puts.add(request);
            if (puts.size() <= conflicts) {
                throw (S3Exception) S3Exception.builder()
                        .statusCode(409)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ConditionalRequestConflict").build())
                        .message("A conflicting conditional operation is currently in progress against this resource.")
                        .build();
            }
            return PutObjectResponse.builder().eTag(etag).build();
        }

        @Override
        public HeadObjectResponse headObject(HeadObjectRequest request) {
            return current.map(tag -> HeadObjectResponse.builder().eTag(tag).build())
                    .orElseThrow(() -> (S3Exception) S3Exception.builder().statusCode(404).message("Not Found").build());
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }
}
