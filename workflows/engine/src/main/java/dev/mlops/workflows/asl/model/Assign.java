package dev.mlops.workflows.asl.model;

import dev.mlops.workflows.asl.jsonata.JsonataTemplate;

/**
 * A state's (or Choice rule's, or catcher's) Assign field: the workflow variables it sets, written in the state's
 * query language. Its values are all evaluated before any is assigned, against the variables as they were when the
 * state was entered.
 */
public sealed interface Assign permits Assign.Paths, Assign.Jsonata {

    /**
     * Assign in a JSONPath state: a payload template whose {@code .$} fields read the state's result (or its input,
     * or the error output in a catcher), the context object or other variables.
     */
    record Paths(PayloadTemplate template) implements Assign {
    }

    /** Assign in a JSONata state: an object whose string values may hold {@code {% %}} expressions. */
    record Jsonata(JsonataTemplate template) implements Assign {
    }
}
