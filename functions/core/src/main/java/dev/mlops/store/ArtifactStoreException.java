package dev.mlops.store;

import dev.mlops.MlopsException;

/** The store itself failed (I/O, network, permissions): the operation's outcome is unknown to the caller. */
public class ArtifactStoreException extends MlopsException {

    public ArtifactStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ArtifactStoreException(String message) {
        super(message);
    }
}
