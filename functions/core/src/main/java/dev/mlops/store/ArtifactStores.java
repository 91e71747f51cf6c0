package dev.mlops.store;

import dev.mlops.store.fs.FileSystemArtifactStore;
import dev.mlops.store.s3.S3ArtifactStore;

import java.net.URI;
import java.nio.file.Path;

/** Opens an {@link ArtifactStore} from a location string, as given on a command line or in configuration. */
public final class ArtifactStores {

    private static final String S3_SCHEME = "s3://";
    private static final String FILE_SCHEME = "file:";

    private ArtifactStores() {
    }

    /**
     * Opens the store at {@code location}:
     * <ul>
     *   <li>{@code s3://bucket} or {@code s3://bucket/prefix/path}: an {@link S3ArtifactStore} built by
     *       {@link S3ArtifactStore#fromEnvironment(String, String)}, keeping keys under the prefix (with
     *       {@code MLOPS_AUDIT_RETENTION_DAYS} set, audit records get Object Lock GOVERNANCE retention);</li>
     *   <li>a {@code file:} URI ({@code file:///var/mlops}): a {@link FileSystemArtifactStore} on that
     *       directory (no retention: {@code MLOPS_AUDIT_RETENTION_DAYS} is ignored);</li>
     *   <li>anything else is a filesystem path, relative to the working directory when not absolute.</li>
     * </ul>
     *
     * @throws IllegalArgumentException when the location is blank, names no bucket, or is a malformed URI
     */
    public static ArtifactStore open(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("artifact store location must not be blank"
                    + " (expected s3://bucket[/prefix], a file: URI or a directory path)");
        }
        if (location.startsWith(S3_SCHEME)) {
            String rest = location.substring(S3_SCHEME.length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : stripSlashes(rest.substring(slash + 1));
            if (bucket.isEmpty()) {
                throw new IllegalArgumentException("artifact store location '" + location
                        + "' names no bucket (expected s3://bucket[/prefix])");
            }
            return S3ArtifactStore.fromEnvironment(bucket, prefix);
        }
        if (location.startsWith(FILE_SCHEME)) {
            return new FileSystemArtifactStore(fileUriPath(location));
        }
        return new FileSystemArtifactStore(Path.of(location));
    }

    private static Path fileUriPath(String location) {
        try {
            return Path.of(URI.create(location));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("artifact store location '" + location
                    + "' is not a usable file: URI (expected file:///absolute/path): " + e.getMessage(), e);
        }
    }

    private static String stripSlashes(String prefix) {
        int start = 0;
        int end = prefix.length();
        while (start < end && prefix.charAt(start) == '/') {
            start++;
        }
        while (end > start && prefix.charAt(end - 1) == '/') {
            end--;
        }
        return prefix.substring(start, end);
    }
}
