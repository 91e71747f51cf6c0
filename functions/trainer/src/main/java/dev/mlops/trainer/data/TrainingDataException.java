package dev.mlops.trainer.data;

import dev.mlops.InvalidInputException;

/**
 * A training dataset that cannot be used: wrong header, unparsable or out-of-range value, unknown label, a single
 * class. The message names the source, the line and column where there is one, the value and what was expected.
 */
public class TrainingDataException extends InvalidInputException {

    public TrainingDataException(String message) {
        super(message);
    }

    public TrainingDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
