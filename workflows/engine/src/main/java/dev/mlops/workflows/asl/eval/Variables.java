package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.StatesErrors;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workflow variables one branch of an execution sees. A Parallel branch or Map iteration gets a child scope: it
 * reads the outer variables as they were when the state started, and what it assigns stays in the child (Step
 * Functions copies no variable back out; data leaves a branch through its output).
 */
final class Variables {

    /** "The maximum size of a single variable is 256 KiB"; the same bound applies to one Assign field as a whole. */
    static final long MAX_VARIABLE_BYTES = 262_144;
    /** "The total size of all stored variables in a single execution cannot exceed 10 MiB." */
    static final long MAX_TOTAL_BYTES = 10L * 1024 * 1024;

    private final Variables outer;
    private final Map<String, JsonNode> values = new HashMap<>();
    private final Map<String, Long> sizes = new HashMap<>();
    private final AtomicLong executionBytes;

    private Variables(Variables outer, AtomicLong executionBytes) {
        this.outer = outer;
        this.executionBytes = executionBytes;
    }

    /** The top-level scope of an execution. */
    static Variables root() {
        return new Variables(null, new AtomicLong());
    }

    /** The top-level scope of an execution resumed from a checkpoint holding {@code saved}. */
    static Variables restore(JsonNode saved) {
        Variables variables = root();
        if (saved != null) {
            // Not through assign(): the saved set as a whole may exceed what one Assign may hold.
            for (Iterator<Map.Entry<String, JsonNode>> it = saved.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                long size = Interpreter.size(e.getValue());
                variables.values.put(e.getKey(), e.getValue());
                variables.sizes.put(e.getKey(), size);
                variables.executionBytes.addAndGet(size);
            }
        }
        return variables;
    }

    /** This scope's own variables as an object, for a checkpoint. */
    JsonNode snapshot() {
        com.fasterxml.jackson.databind.node.ObjectNode saved = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        new java.util.TreeMap<>(values).forEach(saved::set);
        return saved;
    }

    /** A scope for a Parallel branch or Map iteration. */
    Variables child() {
        return new Variables(this, executionBytes);
    }

    /** The variable's value, or null when no enclosing scope has assigned it. */
    JsonNode get(String name) {
        JsonNode v = values.get(name);
        return v != null || outer == null ? v : outer.get(name);
    }

    /**
     * Checks one Assign's values against the limits of one variable and of one Assign; the state fails (within its
     * Retry and Catch) before anything is assigned.
     *
     * @return the size of each value
     * @throws AslError States.DataLimitExceeded naming the state
     */
    static Map<String, Long> checkSizes(String stateName, JsonNode assigned) {
        long total = 0;
        Map<String, Long> sizes = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = assigned.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long size = Interpreter.size(e.getValue());
            if (size > MAX_VARIABLE_BYTES) {
                throw new AslError(StatesErrors.DATA_LIMIT_EXCEEDED, "The state '" + stateName + "' assigned " + size
                        + " bytes to the variable '" + e.getKey() + "', more than the maximum of " + MAX_VARIABLE_BYTES
                        + " bytes (256 KiB) for one variable.");
            }
            sizes.put(e.getKey(), size);
            total += size;
        }
        if (total > MAX_VARIABLE_BYTES) {
            throw new AslError(StatesErrors.DATA_LIMIT_EXCEEDED, "The Assign of the state '" + stateName + "' has "
                    + total + " bytes of values, more than the maximum of " + MAX_VARIABLE_BYTES + " bytes (256 KiB).");
        }
        return sizes;
    }

    /**
     * Assigns every field of {@code assigned} in this scope, after checking the size limits, the execution's total
     * included.
     *
     * @throws AslError States.DataLimitExceeded naming the state
     */
    void assign(String stateName, JsonNode assigned) {
        Map<String, Long> newSizes = checkSizes(stateName, assigned);
        long delta = 0;
        for (Map.Entry<String, Long> e : newSizes.entrySet()) {
            delta += e.getValue() - sizes.getOrDefault(e.getKey(), 0L);
        }
        long after = executionBytes.addAndGet(delta);
        if (after > MAX_TOTAL_BYTES) {
            executionBytes.addAndGet(-delta);
            throw new AslError(StatesErrors.DATA_LIMIT_EXCEEDED, "The state '" + stateName + "' would bring the"
                    + " execution's variables to " + after + " bytes, more than the maximum of " + MAX_TOTAL_BYTES
                    + " bytes (10 MiB).");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = assigned.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), e.getValue());
        }
        sizes.putAll(newSizes);
    }
}
