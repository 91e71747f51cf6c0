package dev.mlops.workflows.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.path.JsonPath;

import java.util.List;

/**
 * A payload template (Parameters, ResultSelector, ItemSelector) or one value inside it. Fields whose names end in
 * {@code .$} become {@link PathValue} or {@link IntrinsicValue} (their name loses the suffix); everything else is
 * {@link Literal}, or a container holding such fields.
 */
public sealed interface PayloadTemplate
        permits PayloadTemplate.Literal, PayloadTemplate.ObjectTemplate, PayloadTemplate.ArrayTemplate,
        PayloadTemplate.PathValue, PayloadTemplate.IntrinsicValue {

    /** Dispatches to the visitor method of this value's kind. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of template value. */
    interface Visitor<R> {
        R visitLiteral(Literal value);

        R visitObject(ObjectTemplate value);

        R visitArray(ArrayTemplate value);

        R visitPath(PathValue value);

        R visitIntrinsic(IntrinsicValue value);
    }

    /** A JSON value copied as is (it holds no {@code .$} field). */
    record Literal(JsonNode value) implements PayloadTemplate {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLiteral(this);
        }
    }

    /**
     * An object with at least one dynamic field somewhere below it.
     *
     * @param fields the fields in order, names already stripped of {@code .$}
     */
    record ObjectTemplate(List<Field> fields) implements PayloadTemplate {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitObject(this);
        }

        public ObjectTemplate {
            fields = List.copyOf(fields);
        }
    }

    /**
     * One field of an {@link ObjectTemplate}.
     *
     * @param name     the output name (without {@code .$})
     * @param rawName  the name as written, for error messages
     * @param value    the value template
     */
    record Field(String name, String rawName, PayloadTemplate value) {
    }

    /** An array with at least one dynamic field somewhere below it. */
    record ArrayTemplate(List<PayloadTemplate> items) implements PayloadTemplate {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitArray(this);
        }

        public ArrayTemplate {
            items = List.copyOf(items);
        }
    }

    /** A {@code .$} field holding a path into the effective input or, with {@code $$}, the context object. */
    record PathValue(JsonPath path) implements PayloadTemplate {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPath(this);
        }
    }

    /** A {@code .$} field holding an intrinsic function call. */
    record IntrinsicValue(Intrinsic.Call call, String text) implements PayloadTemplate {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitIntrinsic(this);
        }
    }
}
