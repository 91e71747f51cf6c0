package dev.mlops.inference;

import dev.mlops.InvalidInputException;

import java.util.List;
import java.util.stream.Collectors;

/** A request that breaks the API or the model's input contract: HTTP 400, listing every problem found. */
public class InvalidRequestException extends InvalidInputException {

    private final List<RequestError> errors;

    public InvalidRequestException(String summary, List<RequestError> errors) {
        super(summary + (errors.isEmpty() ? "" : ": " + errors.stream().limit(5)
                .map(e -> (e.instance() == null ? "" : "instances[" + e.instance() + "].") + (e.field() == null ? "" : e.field() + ": ") + e.problem())
                .collect(Collectors.joining("; ")) + (errors.size() > 5 ? "; ... (" + errors.size() + " problems)" : "")));
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException of(String problem) {
        return new InvalidRequestException(problem, List.of());
    }

    public List<RequestError> errors() {
        return errors;
    }
}
