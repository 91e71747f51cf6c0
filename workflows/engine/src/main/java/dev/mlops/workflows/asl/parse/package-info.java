/**
 * Reads ASL (JSON) into the immutable model and validates it: {@link dev.mlops.workflows.asl.parse.AslParser}
 * reports every problem at once in a {@link dev.mlops.workflows.asl.parse.DefinitionException}, each naming the
 * state, the field and its location.
 */
package dev.mlops.workflows.asl.parse;
