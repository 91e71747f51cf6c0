package dev.mlops.store;

import java.util.regex.Pattern;

/** Rules every artifact key obeys, so the same key is valid as an S3 key and as a relative file path. */
public final class ArtifactKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._=+@,:-]+");

    private ArtifactKeys() {
    }

    /**
     * Checks that {@code key} is a relative path of non-empty segments made of letters, digits and
     * {@code . _ = + @ , : -}, with no {@code .} or {@code ..} segment and no segment starting with
     * {@code .tmp} (reserved for the filesystem store's temporary files).
     *
     * @return the key itself
     * @throws IllegalArgumentException naming the key and the broken rule
     */
    public static String validate(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("artifact key must not be empty");
        }
        if (key.length() > 1024) {
            throw new IllegalArgumentException("artifact key longer than 1024 characters: " + key.substring(0, 64) + "...");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("artifact key '" + key + "' has an empty, '.' or '..' segment");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("artifact key '" + key + "' has a character outside [A-Za-z0-9._=+@,:-] in '" + segment + "'");
            }
            if (segment.startsWith(".tmp") || segment.startsWith(".lock")) {
                throw new IllegalArgumentException("artifact key '" + key + "' uses a reserved segment '" + segment + "'");
            }
        }
        return key;
    }

    /** A prefix for {@link ArtifactStore#list(String)}: empty, or a key-like path that may end with '/'. */
    public static String validatePrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null (use \"\" for everything)");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        validate(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }
}
