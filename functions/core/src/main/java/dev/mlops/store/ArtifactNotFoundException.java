package dev.mlops.store;

import dev.mlops.MlopsException;

/** A key that was required is not in the store. */
public class ArtifactNotFoundException extends MlopsException {

    private final String key;

    public ArtifactNotFoundException(String key) {
        super("no artifact under key '" + key + "'");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
