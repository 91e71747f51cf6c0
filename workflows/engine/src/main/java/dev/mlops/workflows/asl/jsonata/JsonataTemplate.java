package dev.mlops.workflows.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON value of a JSONata state (Arguments, Output, Assign, ...): any string of the form {@code {% expr %}} is an
 * expression, everything else is copied as is.
 */
public sealed interface JsonataTemplate
        permits JsonataTemplate.Literal, JsonataTemplate.ObjectTemplate, JsonataTemplate.ArrayTemplate,
        JsonataTemplate.Expression {

    /** Dispatches to the visitor method of this value's kind. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of template value. */
    interface Visitor<R> {
        R visitLiteral(Literal value);

        R visitObject(ObjectTemplate value);

        R visitArray(ArrayTemplate value);

        R visitExpression(Expression value);
    }

    /** A JSON value without expressions. */
    record Literal(JsonNode value) implements JsonataTemplate {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLiteral(this);
        }
    }

    /** An object with an expression somewhere below it; fields in order. */
    record ObjectTemplate(List<Map.Entry<String, JsonataTemplate>> fields) implements JsonataTemplate {
        public ObjectTemplate {
            fields = List.copyOf(fields);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitObject(this);
        }
    }

    /** An array with an expression somewhere below it. */
    record ArrayTemplate(List<JsonataTemplate> items) implements JsonataTemplate {
        public ArrayTemplate {
            items = List.copyOf(items);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitArray(this);
        }
    }

    /**
     * A {@code {% %}} string.
     *
     * @param text         the expression between the delimiters, trimmed, as AWS quotes it in causes
     * @param compiled     the parsed expression
     * @param variables    the {@code $names} it mentions: only these are bound when it runs
     * @param readsContext whether it may read {@code $states.context} (it mentions {@code $states} other than as
     *                     {@code $states.input}, {@code .result} or {@code .errorOutput}); building the context
     *                     object for every expression would cost more than most expressions
     */
    record Expression(String text, Jsonata compiled, Set<String> variables, boolean readsContext) implements JsonataTemplate {
        public Expression {
            variables = Set.copyOf(variables);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitExpression(this);
        }
    }

    /** A JSONata expression that does not parse, or a {@code .$} field name in a JSONata state. */
    final class SyntaxException extends IllegalArgumentException {
        private final String path;

        SyntaxException(String path, String message) {
            super(message);
            this.path = path;
        }

        /** Where below the field the problem is, as a JSON Pointer suffix ("" for the field itself). */
        public String path() {
            return path;
        }
    }

    /** Whether {@code text} is a {@code {% %}} expression. */
    static boolean isExpression(String text) {
        return text.startsWith("{%") && text.endsWith("%}") && text.length() >= 4;
    }

    /**
     * Parses a field's value.
     *
     * @throws SyntaxException for the first expression that does not parse
     */
    static JsonataTemplate parse(JsonNode value) {
        return parse(value, "");
    }

    /**
     * Compiles one expression (the text between {@code {%} and {@code %}}).
     *
     * @throws SyntaxException when it does not parse
     */
    static Expression compile(String text, String path) {
        String inner = text.trim();
        try {
            Jsonata compiled = Jsonata.jsonata(inner);
            // JSON null must stay null: by default the library hands it back as Java null, which reads as undefined.
            compiled.setOutputConvertNulls(false);
            return new Expression(inner, compiled, ExpressionText.variables(inner), ExpressionText.readsContext(inner));
        } catch (JException e) {
            throw new SyntaxException(path, "The JSONata expression '" + inner + "' is not valid: " + e.getError() + ": "
                    + e.getMessage());
        } catch (RuntimeException e) {
            throw new SyntaxException(path, "The JSONata expression '" + inner + "' is not valid: " + e.getMessage());
        }
    }

    private static JsonataTemplate parse(JsonNode value, String path) {
        if (value.isTextual() && isExpression(value.textValue())) {
            String text = value.textValue();
            return compile(text.substring(2, text.length() - 2), path);
        }
        if (value.isObject()) {
            boolean isDynamic = false;
            List<Map.Entry<String, JsonataTemplate>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = path + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                if (e.getKey().endsWith(".$")) {
                    // JSONata states take no JSONPath templates: AWS rejects the suffix rather than copy the string.
                    throw new SyntaxException(at, "a field name ending in '.$' is JSONPath syntax; in a JSONata state"
                            + " write the value as \"{% expression %}\"");
                }
                JsonataTemplate inner = parse(e.getValue(), at);
                isDynamic |= !(inner instanceof Literal);
                fields.add(Map.entry(e.getKey(), inner));
            }
            return isDynamic ? new ObjectTemplate(fields) : new Literal(value);
        }
        if (value.isArray()) {
            boolean isDynamic = false;
            List<JsonataTemplate> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonataTemplate inner = parse(value.get(i), path + "/" + i);
                isDynamic |= !(inner instanceof Literal);
                items.add(inner);
            }
            return isDynamic ? new ArrayTemplate(items) : new Literal(value);
        }
        return new Literal(value);
    }
}
