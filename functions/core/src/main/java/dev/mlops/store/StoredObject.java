package dev.mlops.store;

import java.nio.charset.StandardCharsets;

/**
 * One object read from an {@link ArtifactStore}: its key, its bytes and the version token a
 * conditional write must name to replace it.
 */
public record StoredObject(String key, byte[] bytes, String version) {

    public StoredObject {
        ArtifactKeys.validate(key);
        bytes = bytes.clone();
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version of " + key + " must not be blank");
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes decoded as UTF-8. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
