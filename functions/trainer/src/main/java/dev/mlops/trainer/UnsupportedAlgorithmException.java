package dev.mlops.trainer;

import dev.mlops.InvalidInputException;

/** The model config asks for an algorithm this trainer does not run (an {@code external} image trains itself). */
public class UnsupportedAlgorithmException extends InvalidInputException {

    public UnsupportedAlgorithmException(String message) {
        super(message);
    }
}
