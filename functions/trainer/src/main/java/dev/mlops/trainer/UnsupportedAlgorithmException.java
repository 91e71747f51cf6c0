package dev.mlops.trainer;

import dev.mlops.MlopsException;

/** The model config asks for an algorithm this trainer does not run (an {@code external} image trains itself). */
public class UnsupportedAlgorithmException extends MlopsException {

    public UnsupportedAlgorithmException(String message) {
        super(message);
    }
}
