package dev.mlops.store.s3;

import dev.mlops.store.ArtifactKeys;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.ArtifactStoreException;
import dev.mlops.store.StoredObject;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An {@link ArtifactStore} on one S3 bucket, optionally under a key prefix ({@code models/x} with prefix
 * {@code team-a} is the object {@code team-a/models/x}).
 *
 * <p>The version token is the object's ETag without quotes. Conditional writes are S3's own: PutObject with
 * {@code If-None-Match: *} for {@link #createIfAbsent} and {@code If-Match: <etag>} for
 * {@link #replaceIfVersionMatches}, so they are atomic against every other writer of the bucket. S3 answers
 * 409 ConditionalRequestConflict when two conditional writes on one key overlap; this store retries those a
 * few times before deciding.
 *
 * <p>With an {@link ObjectRetention}, every object version this store writes under the retention's prefix
 * carries Object Lock mode GOVERNANCE and a retain-until date (audit records in AWS).
 * S3 requires a checksum on such puts; the SDK sends a CRC32 checksum on every PutObject by default.
 */
public final class S3ArtifactStore implements ArtifactStore {

    private static final int PRECONDITION_FAILED = 412;
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    /** Tries of one conditional write that S3 keeps answering with 409 ConditionalRequestConflict. */
    static final int CONFLICT_ATTEMPTS = 5;
    private static final long CONFLICT_BACKOFF_MILLIS = 20;
    /*
     * The SDK retries a request after an I/O error or a 5xx even when the first try may have landed. For a
     * conditional put that turns our own success into a 412 "refused" on the retry (and a CAS loop then
     * applies its change twice). Without SDK retries an ambiguous failure surfaces as ArtifactStoreException,
     * whose contract is "outcome unknown", which is the truth.
     */
    private static final SdkPlugin NO_SDK_RETRIES = config -> config.overrideConfiguration(
            config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());

    private final S3Client client;
    private final String bucket;
    private final String keyPrefix;
    private final Optional<ObjectRetention> retention;

    /**
     * A store on {@code bucket} that keeps every key under {@code keyPrefix}.
     *
     * @param client    the S3 client; this store does not close it
     * @param bucket    an existing bucket
     * @param keyPrefix {@code ""} for the whole bucket, or a key-like path ({@code a/b}, with or without the
     *                  trailing slash, which is added)
     * @throws IllegalArgumentException when the bucket is blank or the prefix breaks the key rules
     */
    public S3ArtifactStore(S3Client client, String bucket, String keyPrefix) {
        this(client, bucket, keyPrefix, Optional.empty());
    }

    /**
     * A store on {@code bucket} under {@code keyPrefix} that puts {@code retention} on the objects it creates under
     * the retention's prefix.
     *
     * @throws IllegalArgumentException when the bucket is blank or the prefix breaks the key rules
     */
    public S3ArtifactStore(S3Client client, String bucket, String keyPrefix, Optional<ObjectRetention> retention) {
        if (client == null) {
            throw new IllegalArgumentException("S3 client must not be null");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("S3 bucket must not be blank, got '" + bucket + "'");
        }
        ArtifactKeys.validatePrefix(keyPrefix);
        this.client = client;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix.isEmpty() || keyPrefix.endsWith("/") ? keyPrefix : keyPrefix + "/";
        this.retention = retention == null ? Optional.empty() : retention;
    }

    /**
     * A store whose client is built from the environment: default credentials chain, default region chain
     * ({@code us-east-1} when none is configured), and the SDK's own endpoint override settings
     * ({@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}, {@code -Daws.endpointUrl}). With an endpoint
     * override the client uses path-style addressing, which S3 look-alikes such as LocalStack or s3proxy
     * need. {@value ObjectRetention#AUDIT_DAYS_VARIABLE}, when set, gives audit records their GOVERNANCE retention
     * ({@link ObjectRetention#auditFrom}).
     */
    public static S3ArtifactStore fromEnvironment(String bucket, String keyPrefix) {
        S3Client client = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .region(regionOrDefault())
                .forcePathStyle(hasEndpointOverride())
                .build();
        return new S3ArtifactStore(client, bucket, keyPrefix, ObjectRetention.auditFrom(System::getenv, Clock.systemUTC()));
    }

    /** The bucket this store writes to. */
    public String bucket() {
        return bucket;
    }

    /** The normalised key prefix: {@code ""} or a path ending in {@code /}. */
    public String keyPrefix() {
        return keyPrefix;
    }

    @Override
    public String put(String key, byte[] bytes) {
        String objectKey = objectKey(key);
        try {
            return unquote(client.putObject(putRequest(key, objectKey, b -> b), RequestBody.fromBytes(bytes)).eTag());
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    @Override
    public Optional<StoredObject> get(String key) {
        String objectKey = objectKey(key);
        try {
            ResponseBytes<GetObjectResponse> object = client.getObjectAsBytes(b -> b.bucket(bucket).key(objectKey));
            return Optional.of(new StoredObject(key, object.asByteArrayUnsafe(), unquote(object.response().eTag())));
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw failure("get", key, e);
        } catch (SdkException e) {
            throw failure("get", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        ArtifactKeys.validatePrefix(prefix);
        try {
            return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keyPrefix + prefix))
                    .contents().stream()
                    .map(S3Object::key)
                    .map(objectKey -> objectKey.substring(keyPrefix.length()))
                    .sorted()
                    .toList();
        } catch (SdkException e) {
            throw new ArtifactStoreException("cannot list prefix '" + prefix + "' in S3 bucket '" + bucket
                    + "' under '" + keyPrefix + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) {
        String objectKey = objectKey(key);
        try {
            client.deleteObject(b -> b.bucket(bucket).key(objectKey));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public Optional<String> createIfAbsent(String key, byte[] bytes) {
        String objectKey = objectKey(key);
        PutObjectRequest request = putRequest(key, objectKey, b -> b.ifNoneMatch("*")
                .overrideConfiguration(o -> o.addPlugin(NO_SDK_RETRIES)));
        try {
            for (int attempt = 1; attempt <= CONFLICT_ATTEMPTS; attempt++) {
                try {
                    return Optional.of(unquote(client.putObject(request, RequestBody.fromBytes(bytes)).eTag()));
                } catch (S3Exception e) {
                    if (e.statusCode() == PRECONDITION_FAILED) {
                        return Optional.empty();
                    }
                    if (e.statusCode() != CONFLICT) {
                        throw e;
                    }
                    backOff(key, attempt);
                }
            }
            // Every try collided with another writer; ours never landed. If that writer created the key, the
            // honest answer is "it already existed"; if not, the outcome is unknown to us.
            if (currentVersion(objectKey).isPresent()) {
                return Optional.empty();
            }
            throw new ArtifactStoreException("cannot create artifact '" + key + "' in S3 bucket '" + bucket
                    + "': " + CONFLICT_ATTEMPTS + " tries answered 409 ConditionalRequestConflict and the key is still absent");
        } catch (SdkException e) {
            throw failure("create", key, e);
        }
    }

    @Override
    public Optional<String> replaceIfVersionMatches(String key, byte[] bytes, String expectedVersion) {
        String objectKey = objectKey(key);
        // S3 compares If-Match against the quoted entity tag.
        PutObjectRequest request = putRequest(key, objectKey, b -> b.ifMatch('"' + unquote(expectedVersion) + '"')
                .overrideConfiguration(o -> o.addPlugin(NO_SDK_RETRIES)));
        try {
            for (int attempt = 1; attempt <= CONFLICT_ATTEMPTS; attempt++) {
                try {
                    return Optional.of(unquote(client.putObject(request, RequestBody.fromBytes(bytes)).eTag()));
                } catch (S3Exception e) {
                    if (e.statusCode() == PRECONDITION_FAILED || e.statusCode() == NOT_FOUND) {
                        return Optional.empty();
                    }
                    if (e.statusCode() != CONFLICT) {
                        throw e;
                    }
                    if (!currentVersion(objectKey).map(unquote(expectedVersion)::equals).orElse(false)) {
                        return Optional.empty();
                    }
                    backOff(key, attempt);
                }
            }
            throw new ArtifactStoreException("cannot replace artifact '" + key + "' in S3 bucket '" + bucket
                    + "': " + CONFLICT_ATTEMPTS + " tries answered 409 ConditionalRequestConflict while version "
                    + expectedVersion + " stayed current");
        } catch (SdkException e) {
            throw failure("replace", key, e);
        }
    }

    private Optional<String> currentVersion(String objectKey) {
        try {
            return Optional.of(unquote(client.headObject(b -> b.bucket(bucket).key(objectKey)).eTag()));
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A PutObject (each creates an object version), with the retention where it applies to {@code key}. */
    private PutObjectRequest putRequest(String key, String objectKey, UnaryOperator<PutObjectRequest.Builder> condition) {
        PutObjectRequest.Builder builder = PutObjectRequest.builder().bucket(bucket).key(objectKey);
        retention.filter(r -> r.appliesTo(key)).ifPresent(r -> builder
                .objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(r.retainUntil()));
        return condition.apply(builder).build();
    }

    private String objectKey(String key) {
        return keyPrefix + ArtifactKeys.validate(key);
    }

    private void backOff(String key, int attempt) {
        try {
            Thread.sleep(CONFLICT_BACKOFF_MILLIS * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArtifactStoreException("interrupted while retrying a conditional write of artifact '" + key
                    + "' in S3 bucket '" + bucket + "'", e);
        }
    }

    private ArtifactStoreException failure(String operation, String key, SdkException e) {
        return new ArtifactStoreException("cannot " + operation + " artifact '" + key + "' (object '" + keyPrefix + key
                + "') in S3 bucket '" + bucket + "': " + e.getMessage(), e);
    }

    private static String unquote(String etag) {
        if (etag == null) {
            throw new ArtifactStoreException("S3 response carries no ETag");
        }
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1)
                : etag;
    }

    private static Region regionOrDefault() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    private static boolean hasEndpointOverride() {
        return isSet(System.getenv("AWS_ENDPOINT_URL_S3"))
                || isSet(System.getenv("AWS_ENDPOINT_URL"))
                || isSet(System.getProperty("aws.endpointUrl"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
