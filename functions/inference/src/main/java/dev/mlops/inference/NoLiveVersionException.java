package dev.mlops.inference;

import dev.mlops.MlopsException;

/** The model exists but nothing can answer for it now (never promoted, or its champion cannot be loaded): HTTP 503. */
public class NoLiveVersionException extends MlopsException {

    public NoLiveVersionException(String message) {
        super(message);
    }
}
