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
 * @param fields         per state name, what variables and JSONata add (absent: a JSONPath state without Assign)
 */
public record StateMachine(String comment, String startAt, Map<String, State> states, Integer timeoutSeconds, String location,
                           Map<String, StateFields> fields) {

    public StateMachine {
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        fields = Map.copyOf(fields);
    }

    /** A machine whose states all use JSONPath and assign no variables. */
    public StateMachine(String comment, String startAt, Map<String, State> states, Integer timeoutSeconds, String location) {
        this(comment, startAt, states, timeoutSeconds, location, Map.of());
    }

    /** What variables and JSONata add to the state called {@code name} (a JSONPath state without Assign if nothing). */
    public StateFields fields(String name) {
        return fields.getOrDefault(name, StateFields.JSONPATH);
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
