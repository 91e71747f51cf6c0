package dev.mlops.store.fs;

import dev.mlops.store.ArtifactKeys;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.ArtifactStoreException;
import dev.mlops.store.StoredObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link ArtifactStore} that keeps each key as a file under a root directory ({@code a/b.json} is
 * {@code root/a/b.json}).
 *
 * <p>Guarantees, for any number of threads and processes sharing the root on one local filesystem:
 * <ul>
 *   <li>Readers see a whole old or a whole new object, never a partial one: every write goes to a
 *       {@code .tmp*} file in the target's directory, is flushed to disk, then renamed over the target.</li>
 *   <li>{@link #createIfAbsent} is decided by {@code link(2)}, which fails when the target exists, so it
 *       needs no lock.</li>
 *   <li>{@link #put}, {@link #delete} and {@link #replaceIfVersionMatches} hold a per-key lock: a JVM-wide
 *       in-memory lock plus an OS file lock on {@code root/.locks/<sha-256 of key>}. The version check and
 *       the rename happen under it, so a compare-and-swap never overwrites a write it did not see.</li>
 * </ul>
 *
 * <p>The version token is the lowercase hex MD5 of the content, which is what S3 reports as the ETag of a
 * single-part upload. Being content-derived, writing identical bytes keeps the version.
 *
 * <p>Limits: a key cannot be both an object and a directory of other keys ({@code a} and {@code a/b}), which
 * S3 allows; writing such a key fails with {@link ArtifactStoreException}. The filesystem must support hard
 * links and file locks (local disks do; some network filesystems do not). Lock files are never removed, one
 * empty file per key ever written.
 */
public final class FileSystemArtifactStore implements ArtifactStore {

    private static final String TEMP_PREFIX = ".tmp";
    private static final String LOCKS_DIR = ".locks";
    /** Tries to create a temp file when a concurrent delete removes its just-created parent directory. */
    private static final int DIRECTORY_RACE_ATTEMPTS = 5;

    /*
     * JVM-wide on purpose: the OS grants file locks to a process, and FileChannel.lock() throws
     * OverlappingFileLockException when two threads of one JVM lock the same file, even through two store
     * instances on the same root. Striping by key keeps threads of this JVM from ever doing that.
     */
    private static final ReentrantLock[] KEY_LOCKS = newStripes(64);

    private final Path root;
    private final Path locks;

    /**
     * Opens (and creates, with parents, when missing) a store rooted at {@code root}.
     *
     * @throws ArtifactStoreException when the root or its lock directory cannot be created
     */
    public FileSystemArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.locks = this.root.resolve(LOCKS_DIR);
        try {
            Files.createDirectories(locks);
        } catch (IOException e) {
            throw new ArtifactStoreException("cannot create artifact store root " + this.root + ": " + e, e);
        }
    }

    /** The absolute root directory of this store. */
    public Path root() {
        return root;
    }

    @Override
    public String put(String key, byte[] bytes) {
        Path target = resolve(key);
        return withKeyLock("write", key, target, () -> write(target, bytes));
    }

    @Override
    public Optional<StoredObject> get(String key) {
        Path target = resolve(key);
        return read(key, target).map(bytes -> new StoredObject(key, bytes, version(bytes)));
    }

    @Override
    public List<String> list(String prefix) {
        ArtifactKeys.validatePrefix(prefix);
        int lastSlash = prefix.lastIndexOf('/');
        Path start = lastSlash < 0 ? root : root.resolve(prefix.substring(0, lastSlash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(locks) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(TEMP_PREFIX)) {
                        String key = keyOf(file);
                        if (key.startsWith(prefix)) {
                            keys.add(key);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    // A concurrent delete removed the file or its emptied directory while we walked.
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ArtifactStoreException("cannot list prefix '" + prefix + "' under " + start + ": " + e, e);
        }
        Collections.sort(keys);
        return List.copyOf(keys);
    }

    @Override
    public void delete(String key) {
        Path target = resolve(key);
        withKeyLock("delete", key, target, () -> {
            if (!Files.isDirectory(target)) {
                Files.deleteIfExists(target);
                removeEmptyParents(target.getParent());
            }
            return null;
        });
    }

    @Override
    public Optional<String> createIfAbsent(String key, byte[] bytes) {
        Path target = resolve(key);
        try {
            Path temp = writeTemp(target, bytes);
            try {
                Files.createLink(target, temp);
                return Optional.of(version(bytes));
            } catch (FileAlreadyExistsException e) {
                if (Files.isDirectory(target)) {
                    throw new ArtifactStoreException("cannot create artifact '" + key + "': " + target
                            + " is a directory holding other keys");
                }
                return Optional.empty();
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new ArtifactStoreException("cannot create artifact '" + key + "' at " + target
                    + " (needs hard links): " + e, e);
        }
    }

    @Override
    public Optional<String> replaceIfVersionMatches(String key, byte[] bytes, String expectedVersion) {
        Path target = resolve(key);
        return withKeyLock("replace", key, target, () -> {
            Optional<String> current = read(key, target).map(FileSystemArtifactStore::version);
            if (current.isEmpty() || !current.get().equals(expectedVersion)) {
                return Optional.empty();
            }
            return Optional.of(write(target, bytes));
        });
    }

    private Path resolve(String key) {
        return root.resolve(ArtifactKeys.validate(key));
    }

    private String keyOf(Path file) {
        Path relative = root.relativize(file);
        StringBuilder key = new StringBuilder();
        for (Path segment : relative) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(segment);
        }
        return key.toString();
    }

    private static Optional<byte[]> read(String key, Path target) {
        try {
            return Optional.of(Files.readAllBytes(target));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (Files.isDirectory(target)) {
                // Only a prefix of other keys: no object under this key.
                return Optional.empty();
            }
            throw new ArtifactStoreException("cannot read artifact '" + key + "' at " + target + ": " + e, e);
        }
    }

    /** Replaces {@code target} atomically with {@code bytes}; returns the new version. */
    private static String write(Path target, byte[] bytes) throws IOException {
        Path temp = writeTemp(target, bytes);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return version(bytes);
    }

    /** Writes {@code bytes} to a new, flushed {@code .tmp*} file next to {@code target}. */
    private static Path writeTemp(Path target, byte[] bytes) throws IOException {
        Path dir = target.getParent();
        Path temp = dir.resolve(TEMP_PREFIX + "-" + UUID.randomUUID());
        for (int attempt = 1; ; attempt++) {
            FileChannel channel;
            try {
                Files.createDirectories(dir);
                channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                // delete() of a sibling removed an emptied directory between createDirectories and open.
                if (attempt == DIRECTORY_RACE_ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            try (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
                return temp;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        }
    }

    private void removeEmptyParents(Path dir) {
        for (Path current = dir; current != null && !current.equals(root) && current.startsWith(root);
                current = current.getParent()) {
            try {
                Files.delete(current);
            } catch (IOException e) {
                // Best effort: not empty, already gone, or refilled by a concurrent put. Each ends the climb.
                return;
            }
        }
    }

    /** Runs {@code action} holding this JVM's and the OS's lock for {@code key}; I/O errors name the operation. */
    private <T> T withKeyLock(String operation, String key, Path target, IoAction<T> action) {
        Path lockFile = locks.resolve(sha256(key));
        ReentrantLock keyLock = KEY_LOCKS[Math.floorMod(key.hashCode(), KEY_LOCKS.length)];
        keyLock.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            return action.run();
        } catch (IOException e) {
            throw new ArtifactStoreException("cannot " + operation + " artifact '" + key + "' at " + target + ": " + e, e);
        } finally {
            keyLock.unlock();
        }
    }

    private static String version(byte[] bytes) {
        return HexFormat.of().formatHex(digest("MD5", bytes));
    }

    private static String sha256(String key) {
        return HexFormat.of().formatHex(digest("SHA-256", key.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide " + algorithm, e);
        }
    }

    private static ReentrantLock[] newStripes(int count) {
        ReentrantLock[] stripes = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new ReentrantLock();
        }
        return stripes;
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }
}
