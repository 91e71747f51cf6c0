package dev.mlops.workflows.asl.parse;

import dev.mlops.workflows.asl.AslError;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A definition that is not valid ASL. The error name is {@code InvalidDefinition}, as Step Functions answers
 * CreateStateMachine; {@link #problems()} lists every problem found.
 */
public final class DefinitionException extends AslError {

    private final List<Problem> problems;

    /** @param problems at least one problem */
    public DefinitionException(List<Problem> problems) {
        super("InvalidDefinition", problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in definition order. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * One problem.
     *
     * @param state    the state's name, or null for a top-level field
     * @param field    the field at fault
     * @param location a JSON Pointer to the field
     * @param message  what is wrong and what was expected
     */
    public record Problem(String state, String field, String location, String message) {
        @Override
        public String toString() {
            return (state == null ? "" : "State '" + state + "': ") + "field '" + field + "' (" + location + "): " + message;
        }
    }
}
