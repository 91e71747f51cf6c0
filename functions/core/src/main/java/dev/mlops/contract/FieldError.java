package dev.mlops.contract;

/** One problem with one field of a record: the field's name and what is wrong with it. */
public record FieldError(String field, String problem) {

    @Override
    public String toString() {
        return field + ": " + problem;
    }
}
