package dev.mlops.trainer;

import dev.mlops.store.ArtifactKeys;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.StoredObject;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A test double of the artifact store: a concurrent map with honest versions and conditional writes. */
final class InMemoryArtifactStore implements ArtifactStore {

    private final ConcurrentHashMap<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public String put(String key, byte[] bytes) {
        StoredObject object = newObject(key, bytes);
        objects.put(key, object);
        return object.version();
    }

    @Override
    public Optional<StoredObject> get(String key) {
        return Optional.ofNullable(objects.get(ArtifactKeys.validate(key)));
    }

    @Override
    public List<String> list(String prefix) {
        ArtifactKeys.validatePrefix(prefix);
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    @Override
    public void delete(String key) {
        objects.remove(ArtifactKeys.validate(key));
    }

    @Override
    public Optional<String> createIfAbsent(String key, byte[] bytes) {
        StoredObject object = newObject(key, bytes);
        return objects.putIfAbsent(key, object) == null ? Optional.of(object.version()) : Optional.empty();
    }

    @Override
    public Optional<String> replaceIfVersionMatches(String key, byte[] bytes, String expectedVersion) {
        StoredObject object = newObject(key, bytes);
        boolean[] replaced = {false};
        objects.computeIfPresent(key, (k, current) -> {
            if (current.version().equals(expectedVersion)) {
                replaced[0] = true;
                return object;
            }
            return current;
        });
        return replaced[0] ? Optional.of(object.version()) : Optional.empty();
    }

    private StoredObject newObject(String key, byte[] bytes) {
        return new StoredObject(ArtifactKeys.validate(key), bytes, "v" + versions.incrementAndGet());
    }
}
