package dev.mlops.registry;

import dev.mlops.MlopsException;

/** Root of the registry's refusals. */
public class RegistryException extends MlopsException {

    public RegistryException(String message) {
        super(message);
    }
}
