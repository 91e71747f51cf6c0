package dev.mlops.workflows.asl.model;

import dev.mlops.workflows.asl.jsonata.JsonataTemplate;

import java.util.List;
import java.util.Map;

/**
 * What variables and the JSONata query language add to a state: its query language, its Assign, and its JSONata
 * fields. Kept beside the {@link State} records (see {@link StateMachine#fields(String)}) rather than inside them,
 * so that the JSONPath records and the code that builds them stay as they were.
 *
 * @param queryLanguage the state's query language, the machine's unless the state sets its own
 * @param assign        the state's Assign, or null
 * @param jsonata       the state's JSONata-valued fields by ASL name (Arguments, Output, Items, ItemSelector,
 *                      TimeoutSeconds, HeartbeatSeconds, Seconds, Timestamp, Error, Cause, MaxConcurrency); empty in
 *                      a JSONPath state
 * @param choices       for a Choice state, one entry per rule, in order; otherwise empty
 * @param catchers      one entry per Catch entry, in order
 */
public record StateFields(QueryLanguage queryLanguage, Assign assign, Map<String, JsonataTemplate> jsonata,
                          List<RuleFields> choices, List<RuleFields> catchers) {

    /** A JSONPath state without Assign. */
    public static final StateFields JSONPATH = new StateFields(QueryLanguage.JSONPath, null, Map.of(), List.of(), List.of());

    public StateFields {
        jsonata = Map.copyOf(jsonata);
        choices = List.copyOf(choices);
        catchers = List.copyOf(catchers);
    }

    /** Whether the state uses JSONata. */
    public boolean isJsonata() {
        return queryLanguage == QueryLanguage.JSONata;
    }

    /** The JSONata field called {@code name}, or null. */
    public JsonataTemplate jsonata(String name) {
        return jsonata.get(name);
    }

    /** The Choice rule or catcher at {@code index}, or {@link RuleFields#NONE}. */
    public static RuleFields at(List<RuleFields> rules, int index) {
        return index < rules.size() ? rules.get(index) : RuleFields.NONE;
    }

    /**
     * What a Choice rule or a catcher adds.
     *
     * @param assign its Assign, or null
     * @param output its Output (JSONata only), or null
     */
    public record RuleFields(Assign assign, JsonataTemplate output) {
        /** Nothing added. */
        public static final RuleFields NONE = new RuleFields(null, null);
    }
}
