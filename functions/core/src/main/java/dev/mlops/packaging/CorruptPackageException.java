package dev.mlops.packaging;

import dev.mlops.MlopsException;

/** A package whose files are missing, unreadable or do not match their recorded hashes; it must not be served. */
public class CorruptPackageException extends MlopsException {

    public CorruptPackageException(String message) {
        super(message);
    }

    public CorruptPackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
