package dev.mlops.local.workflows;

import dev.mlops.Digests;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.StoredObject;
import dev.mlops.workflows.asl.distributed.ObjectStore;
import dev.mlops.workflows.asl.distributed.ObjectSummary;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The artifact store as the one S3 bucket the workflows name ({@code ${ArtifactBucket}}, locally {@code local}): the
 * DISTRIBUTED Map's ItemReader and ResultWriter read and write artifact-store keys. Another bucket holds nothing
 * and cannot be written.
 */
public final class ArtifactObjectStore implements ObjectStore {

    private final String bucket;
    private final ArtifactStore store;
    private final Clock clock;

    /**
     * @param bucket the bucket name that means the artifact store
     * @param store  the artifact store
     * @param clock  the LastModified of listings (the artifact store does not keep write times)
     */
    public ArtifactObjectStore(String bucket, ArtifactStore store, Clock clock) {
        this.bucket = bucket;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<byte[]> get(String bucket, String key) {
        return isOurs(bucket) ? store.get(key).map(StoredObject::bytes) : Optional.empty();
    }

    @Override
    public List<ObjectSummary> list(String bucket, String prefix) {
        List<ObjectSummary> summaries = new ArrayList<>();
        if (!isOurs(bucket)) {
            return summaries;
        }
        for (String key : store.list(prefix == null ? "" : prefix)) {
            store.get(key).ifPresent(o -> summaries.add(new ObjectSummary(key, o.bytes().length, clock.instant(),
                    "\"" + Digests.sha256(o.bytes()).substring(0, 32) + "\"", "STANDARD")));
        }
        return summaries;
    }

    @Override
    public void put(String bucket, String key, byte[] bytes) {
        if (!isOurs(bucket)) {
            throw new IllegalArgumentException("The specified bucket does not exist: '" + bucket + "' (locally only '"
                    + this.bucket + "', the artifact store)");
        }
        store.put(key, bytes);
    }

    private boolean isOurs(String name) {
        return bucket.equals(name);
    }
}
