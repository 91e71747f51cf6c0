package dev.mlops.contract;

import dev.mlops.InvalidInputException;

import java.util.List;
import java.util.stream.Collectors;

/** A record that breaks its model's input contract; lists every field that is wrong, not just the first. */
public class InvalidRecordException extends InvalidInputException {

    private final List<FieldError> errors;

    public InvalidRecordException(List<FieldError> errors) {
        super("invalid record: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
