package dev.mlops;

/**
 * Input the user can fix (a config, a data file, a request): command lines exit with 2 and HTTP answers 400
 * for these, where other failures exit with 1 or answer 500.
 */
public class InvalidInputException extends MlopsException {

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
