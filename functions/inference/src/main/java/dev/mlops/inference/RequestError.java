package dev.mlops.inference;

/**
 * One problem of a request, located: {@code instance} is the index of the record in the batch (or {@code null}
 * for the request as a whole), {@code field} the feature or key concerned.
 */
public record RequestError(Integer instance, String field, String problem) {
}
