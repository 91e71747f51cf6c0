/**
 * An Amazon States Language (JSONPath query language) interpreter: {@link dev.mlops.workflows.asl.AslError} roots
 * every error; {@code model} holds the immutable definition, {@code parse} builds and validates it, {@code path}
 * evaluates JSONPath, {@code intrinsics} the {@code States.*} functions and {@code eval} runs executions.
 */
package dev.mlops.workflows.asl;
