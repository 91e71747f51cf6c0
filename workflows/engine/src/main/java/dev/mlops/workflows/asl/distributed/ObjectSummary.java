package dev.mlops.workflows.asl.distributed;

import java.time.Instant;
import java.util.Objects;

/**
 * One object of a listing, as ListObjectsV2 describes it.
 *
 * @param key          the object's key
 * @param size         its size in bytes
 * @param lastModified when it was last written
 * @param etag         its entity tag, with the quotes S3 puts around it
 * @param storageClass its storage class, for example {@code STANDARD}
 */
public record ObjectSummary(String key, long size, Instant lastModified, String etag, String storageClass) {

    public ObjectSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
