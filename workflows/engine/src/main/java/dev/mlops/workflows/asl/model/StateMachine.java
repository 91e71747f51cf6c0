package dev.mlops.workflows.asl.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A state machine, or a branch of a Parallel state, or the item processor of a Map state: the States Language's
 * top-level fields.
 *
 * @param comment        the Comment, or null
 * @param startAt        the name of the first state
 * @param states         the states by name, in definition order
 * @param timeoutSeconds the machine's TimeoutSeconds, or null for none (top level only)
 * @param location       a JSON Pointer to this machine in the definition ("" for the top level)
 */
public record StateMachine(String comment, String startAt, Map<String, State> states, Integer timeoutSeconds, String location) {

    public StateMachine {
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    /** The state called {@code name}; the parser has checked that every transition names one. */
    public State state(String name) {
        State state = states.get(name);
        if (state == null) {
            throw new IllegalArgumentException("no state '" + name + "' in the machine at '" + location + "'");
        }
        return state;
    }
}
