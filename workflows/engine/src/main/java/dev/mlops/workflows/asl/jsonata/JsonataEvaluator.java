package dev.mlops.workflows.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.workflows.asl.AslError;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Evaluates JSONata templates as Step Functions does: each {@code {% %}} value must produce a value (undefined is
 * States.QueryEvaluationError), errors and unexpected result types become States.QueryEvaluationError with causes in
 * AWS's form ("The JSONata expression '...' specified for the field '...' ..."), and AWS's added functions are bound.
 */
public final class JsonataEvaluator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final StatesFunctions functions;

    /** @param random the source of {@code $random()} and {@code $uuid()}; the engine's, so seeded runs repeat */
    public JsonataEvaluator(RandomGenerator random) {
        this.functions = new StatesFunctions(random);
    }

    /**
     * Evaluates a template for the field {@code field} (as AWS names it in causes: {@code Arguments/Input/name},
     * {@code Output[0]}).
     *
     * @throws AslError States.QueryEvaluationError made by the bindings
     */
    public JsonNode evaluate(JsonataTemplate template, Bindings bindings, String field) {
        return template.accept(new JsonataTemplate.Visitor<JsonNode>() {
            @Override
            public JsonNode visitLiteral(JsonataTemplate.Literal value) {
                return value.value();
            }

            @Override
            public JsonNode visitObject(JsonataTemplate.ObjectTemplate value) {
                ObjectNode out = NODES.objectNode();
                for (Map.Entry<String, JsonataTemplate> f : value.fields()) {
                    out.set(f.getKey(), evaluate(f.getValue(), bindings, field + "/" + f.getKey()));
                }
                return out;
            }

            @Override
            public JsonNode visitArray(JsonataTemplate.ArrayTemplate value) {
                ArrayNode out = NODES.arrayNode(value.items().size());
                for (int i = 0; i < value.items().size(); i++) {
                    out.add(evaluate(value.items().get(i), bindings, field + "[" + i + "]"));
                }
                return out;
            }

            @Override
            public JsonNode visitExpression(JsonataTemplate.Expression value) {
                return expression(value, bindings, field);
            }
        });
    }

    /**
     * Evaluates a whole-field template whose value must have the JSONata type {@code type} ("array", "boolean",
     * "number", "string", "object").
     */
    public JsonNode evaluate(JsonataTemplate template, Bindings bindings, String field, String type) {
        JsonNode value = evaluate(template, bindings, field);
        if (!JsonataValues.typeName(value).equals(type)) {
            String text = template instanceof JsonataTemplate.Expression e ? e.text() : value.toString();
            throw bindings.error(field, prefix(text, field) + " returned an unexpected result type. Expected '" + type
                    + "', but was '" + JsonataValues.typeName(value) + "' for value: " + value);
        }
        return value;
    }

    private JsonNode expression(JsonataTemplate.Expression e, Bindings bindings, String field) {
        Object result;
        try {
            Jsonata.Frame frame = e.compiled().createFrame();
            for (String name : e.variables()) {
                if (name.equals("states")) {
                    frame.bind("states", bindings.states(e.readsContext()));
                } else if (!functions.bind(frame, name, bindings)) {
                    JsonNode v = bindings.variable(name);
                    if (v != null) {
                        frame.bind(name, JsonataValues.toJava(v));
                    }
                }
            }
            // No context value: Step Functions gives expressions none ($ and bare field names read nothing); the
            // input is $states.input.
            result = e.compiled().evaluate(null, frame);
        } catch (JException x) {
            throw bindings.error(field, prefix(e.text(), field) + " threw an error during evaluation. " + x.getError() + ": "
                    + x.getMessage());
        } catch (StatesFunctions.FunctionError x) {
            throw bindings.error(field, prefix(e.text(), field) + " threw an error during evaluation. " + x.getMessage());
        } catch (RuntimeException x) {
            throw bindings.error(field, prefix(e.text(), field) + " threw an error during evaluation. "
                    + (x.getMessage() == null ? x.getClass().getSimpleName() : x.getMessage()));
        }
        JsonNode json;
        try {
            json = JsonataValues.toJson(result);
        } catch (IllegalArgumentException x) {
            throw bindings.error(field, prefix(e.text(), field) + " threw an error during evaluation. " + x.getMessage());
        }
        if (json == null) {
            throw bindings.error(field, prefix(e.text(), field) + " returned nothing (undefined).");
        }
        return json;
    }

    private static String prefix(String text, String field) {
        return "The JSONata expression '" + text + "' specified for the field '" + field + "'";
    }
}
