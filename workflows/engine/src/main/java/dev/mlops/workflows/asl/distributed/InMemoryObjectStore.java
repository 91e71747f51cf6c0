package dev.mlops.workflows.asl.distributed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** An {@link ObjectStore} in memory, for tests: ETags are the MD5 of the content, as S3's for single-part uploads. */
public final class InMemoryObjectStore implements ObjectStore {

    private record Stored(byte[] bytes, Instant lastModified, String etag) {
    }

    private final Map<String, ConcurrentSkipListMap<String, Stored>> buckets = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param clock the source of LastModified */
    public InMemoryObjectStore(Clock clock) {
        this.clock = clock;
    }

    /** A store whose LastModified is the wall clock's. */
    public InMemoryObjectStore() {
        this(Clock.systemUTC());
    }

    @Override
    public Optional<byte[]> get(String bucket, String key) {
        Map<String, Stored> objects = buckets.get(bucket);
        Stored stored = objects == null ? null : objects.get(key);
        return stored == null ? Optional.empty() : Optional.of(stored.bytes().clone());
    }

    @Override
    public List<ObjectSummary> list(String bucket, String prefix) {
        ConcurrentSkipListMap<String, Stored> objects = buckets.get(bucket);
        List<ObjectSummary> summaries = new ArrayList<>();
        if (objects == null) {
            return summaries;
        }
        // String order equals UTF-8 byte order for the keys of tests (BMP characters below the surrogates).
        for (Map.Entry<String, Stored> e : objects.tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            Stored s = e.getValue();
            summaries.add(new ObjectSummary(e.getKey(), s.bytes().length, s.lastModified(), s.etag(), "STANDARD"));
        }
        return summaries;
    }

    @Override
    public void put(String bucket, String key, byte[] bytes) {
        buckets.computeIfAbsent(bucket, b -> new ConcurrentSkipListMap<>())
                .put(key, new Stored(bytes.clone(), clock.instant(), "\"" + md5(bytes) + "\""));
    }

    /** Writes a UTF-8 text object. */
    public void put(String bucket, String key, String text) {
        put(bucket, key, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A UTF-8 text object, or empty. */
    public Optional<String> text(String bucket, String key) {
        return get(bucket, key).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
