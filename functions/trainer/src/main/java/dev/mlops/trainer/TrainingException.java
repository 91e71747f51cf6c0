package dev.mlops.trainer;

import dev.mlops.MlopsException;

/** Training ran but its result must not be packaged (feature order mismatch, ONNX export that does not reproduce the model). */
public class TrainingException extends MlopsException {

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
