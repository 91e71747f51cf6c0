package dev.mlops.registry;

/** A compare-and-swap lost: someone else changed the document first. Re-read and decide again. */
public class VersionConflictException extends RegistryException {

    public VersionConflictException(String message) {
        super(message);
    }
}
