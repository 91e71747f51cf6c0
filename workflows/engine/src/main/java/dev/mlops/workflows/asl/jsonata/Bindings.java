package dev.mlops.workflows.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one state's expressions see: {@code $states} (input, result, errorOutput, context), the workflow variables,
 * the state's clock reading for {@code $now()}, and how to make a States.QueryEvaluationError (its cause gets the
 * state's prefix). Conversions to the library's values are made once per state.
 */
public final class Bindings {

    private final JsonNode input;
    private final JsonNode result;
    private final JsonNode errorOutput;
    private final Supplier<JsonNode> context;
    private final Function<String, JsonNode> variables;
    private final Instant now;
    private final BiFunction<String, String, AslError> errors;
    private Object inputValue;
    private Object resultValue;
    private Object errorOutputValue;
    private Object contextValue;

    /**
     * @param input     {@code $states.input}
     * @param context   {@code $states.context}, built on demand
     * @param variables a variable's value by name, or null when it is not assigned
     * @param now       the time {@code $now()} and {@code $millis()} report
     * @param errors    makes the States.QueryEvaluationError for a field (null when none) and a cause
     */
    public Bindings(JsonNode input, Supplier<JsonNode> context, Function<String, JsonNode> variables, Instant now,
                    BiFunction<String, String, AslError> errors) {
        this(input, null, null, context, variables, now, errors);
    }

    private Bindings(JsonNode input, JsonNode result, JsonNode errorOutput, Supplier<JsonNode> context,
                     Function<String, JsonNode> variables, Instant now, BiFunction<String, String, AslError> errors) {
        this.input = input;
        this.result = result;
        this.errorOutput = errorOutput;
        this.context = context;
        this.variables = variables;
        this.now = now;
        this.errors = errors;
    }

    /** These bindings with {@code $states.result} set. */
    public Bindings withResult(JsonNode value) {
        Bindings b = new Bindings(input, value, null, context, variables, now, errors);
        b.inputValue = inputValue;
        return b;
    }

    /** These bindings with {@code $states.errorOutput} set. */
    public Bindings withErrorOutput(JsonNode value) {
        Bindings b = new Bindings(input, null, value, context, variables, now, errors);
        b.inputValue = inputValue;
        return b;
    }

    /** These bindings with another context object (a Map iteration's, which has {@code Map.Item}). */
    public Bindings withContext(Supplier<JsonNode> value) {
        Bindings b = new Bindings(input, result, errorOutput, value, variables, now, errors);
        b.inputValue = inputValue;
        return b;
    }

    Instant now() {
        return now;
    }

    AslError error(String field, String cause) {
        return errors.apply(field, cause);
    }

    JsonNode variable(String name) {
        return variables.apply(name);
    }

    /**
     * The {@code $states} object; result and errorOutput only where the field may read them, the context only when
     * the expression may read it.
     */
    Map<String, Object> states(boolean withContext) {
        Map<String, Object> states = new LinkedHashMap<>();
        if (inputValue == null) {
            inputValue = JsonataValues.toJava(input);
        }
        states.put("input", inputValue);
        if (result != null) {
            if (resultValue == null) {
                resultValue = JsonataValues.toJava(result);
            }
            states.put("result", resultValue);
        }
        if (errorOutput != null) {
            if (errorOutputValue == null) {
                errorOutputValue = JsonataValues.toJava(errorOutput);
            }
            states.put("errorOutput", errorOutputValue);
        }
        if (withContext) {
            if (contextValue == null) {
                contextValue = JsonataValues.toJava(context.get());
            }
            states.put("context", contextValue);
        }
        return states;
    }

}
