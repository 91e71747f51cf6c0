package dev.mlops.registry;

/** The model or version is not registered. */
public class VersionNotFoundException extends RegistryException {

    public VersionNotFoundException(String message) {
        super(message);
    }
}
