package dev.mlops.workflows.asl.model;

/** A state's query language: set at the top level ({@code JSONPath} by default) or per state. */
public enum QueryLanguage {
    /** Paths, payload templates with {@code .$} fields and intrinsic functions. */
    JSONPath,
    /** {@code {% %}} expressions in Arguments, Output, Assign and the other fields JSONata states allow. */
    JSONata
}
