package dev.mlops.control.executions;

/**
 * One execution with its documents.
 *
 * @param input  the input JSON text
 * @param output the output JSON text, null unless it succeeded
 * @param error  the error name, null unless it failed
 * @param cause  the error cause, null unless it failed
 */
public record ExecutionDetail(ExecutionSummary summary, String input, String output, String error, String cause) {

    public ExecutionDetail {
        if (summary == null) {
            throw new IllegalArgumentException("an execution detail needs its summary");
        }
    }
}
