package dev.mlops.workflows.asl.model;

/**
 * Where a state goes when it is done: the next state's name, or the end of its machine ({@code "End": true}).
 *
 * @param next the Next state's name, or null when {@code isEnd}
 * @param isEnd whether the state is terminal
 */
public record Transition(String next, boolean isEnd) {

    public Transition {
        if ((next == null) != isEnd) {
            throw new IllegalArgumentException("a transition has exactly one of Next and End");
        }
    }

    /** {@code "Next": name}. */
    public static Transition to(String next) {
        return new Transition(next, false);
    }

    /** {@code "End": true}. */
    public static Transition end() {
        return new Transition(null, true);
    }
}
