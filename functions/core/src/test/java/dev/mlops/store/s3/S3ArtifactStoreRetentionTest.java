package dev.mlops.store.s3;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Object Lock retention on audit records, checked on the PutObject requests the store builds (a stub client records
 * them). Not against s3proxy: 4.1.0 does not implement Object Lock (the retention and object-lock subresources are
 * among those it refuses), so it could neither keep nor report a retention, and a test there would not show that
 * the headers were sent.
 */
class S3ArtifactStoreRetentionTest {

    private static final byte[] BYTES = "{}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-27T05:00:00Z");
    private static final ObjectRetention AUDIT = new ObjectRetention(ObjectRetention.AUDIT_PREFIX, Duration.ofDays(365),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void createIfAbsent_auditKey_governanceUntilNowPlusPeriod() {
        RecordingS3 s3 = new RecordingS3();

        new S3ArtifactStore(s3, "bucket", "", Optional.of(AUDIT)).createIfAbsent("audit/credit-risk/2026-11-27/050000-a.json", BYTES);

        PutObjectRequest put = s3.puts.get(0);
        assertEquals(ObjectLockMode.GOVERNANCE, put.objectLockMode());
        assertEquals(NOW.plus(Duration.ofDays(365)), put.objectLockRetainUntilDate());
        assertEquals("*", put.ifNoneMatch());
    }

    @Test
    void put_auditKeyUnderStorePrefix_retainedByTheStoreKey() {
        RecordingS3 s3 = new RecordingS3();

        new S3ArtifactStore(s3, "bucket", "team-a", Optional.of(AUDIT)).put("audit/m/2026-11-27/x.json", BYTES);

        assertEquals("team-a/audit/m/2026-11-27/x.json", s3.puts.get(0).key());
        assertEquals(ObjectLockMode.GOVERNANCE, s3.puts.get(0).objectLockMode());
    }

    @Test
    void registryKeys_noRetention() {
        RecordingS3 s3 = new RecordingS3();
        S3ArtifactStore store = new S3ArtifactStore(s3, "bucket", "", Optional.of(AUDIT));

        store.createIfAbsent("registry/credit-risk/versions/v1.json", BYTES);
        store.replaceIfVersionMatches("registry/credit-risk/deployment.json", BYTES, "etag");
        store.put("models/credit-risk/model.json", BYTES);

        s3.puts.forEach(put -> {
            assertNull(put.objectLockMode(), put.key());
            assertNull(put.objectLockRetainUntilDate(), put.key());
        });
    }

    @Test
    void noRetention_auditKey_plainPut() {
        RecordingS3 s3 = new RecordingS3();

        new S3ArtifactStore(s3, "bucket", "").createIfAbsent("audit/m/2026-11-27/x.json", BYTES);

        assertNull(s3.puts.get(0).objectLockMode());
    }

    @Test
    void auditFrom_days_auditPrefixAndPeriod() {
        ObjectRetention retention = ObjectRetention.auditFrom(Map.of(ObjectRetention.AUDIT_DAYS_VARIABLE, "2555")::get,
                Clock.systemUTC()).orElseThrow();

        assertEquals("audit/", retention.prefix());
        assertEquals(Duration.ofDays(2555), retention.period());
    }

    @Test
    void auditFrom_unsetOrBlank_empty() {
        assertEquals(Optional.empty(), ObjectRetention.auditFrom(Map.<String, String>of()::get, Clock.systemUTC()));
        assertEquals(Optional.empty(), ObjectRetention.auditFrom(Map.of(ObjectRetention.AUDIT_DAYS_VARIABLE, " ")::get,
                Clock.systemUTC()));
    }

    @Test
    void auditFrom_notAPositiveNumber_namesTheVariable() {
        for (String bad : List.of("ten", "0", "-3")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ObjectRetention.auditFrom(
                    Map.of(ObjectRetention.AUDIT_DAYS_VARIABLE, bad)::get, Clock.systemUTC()));
            assertTrue(e.getMessage().contains(ObjectRetention.AUDIT_DAYS_VARIABLE), e.getMessage());
        }
    }

    /** Records every PutObject and answers it with an ETag. */
    private static final class RecordingS3 implements S3Client {

        final List<PutObjectRequest> puts = new ArrayList<>();

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            puts.add(request);
            return PutObjectResponse.builder().eTag("\"etag\"").build();
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
