package dev.mlops.workflows.asl.distributed;

import java.util.List;
import java.util.Optional;

/**
 * Buckets of objects, S3's role for the DISTRIBUTED Map: its ItemReader ({@code s3:getObject},
 * {@code s3:listObjectsV2}) and ResultWriter ({@code s3:putObject}). Given to the engine with
 * {@code Engine.builder().objectStore(...)}; implementations must be thread-safe.
 */
public interface ObjectStore {

    /** The object's bytes, or empty when there is none. */
    Optional<byte[]> get(String bucket, String key);

    /** The objects whose keys start with {@code prefix} (empty: all), in key order (UTF-8 byte order, as S3). */
    List<ObjectSummary> list(String bucket, String prefix);

    /** Writes (or replaces) an object. */
    void put(String bucket, String key, byte[] bytes);
}
