package dev.mlops.workflows.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.path.JsonPath;

import java.util.List;

/** An intrinsic function call or one of its arguments, as written in a {@code .$} field. */
public sealed interface Intrinsic permits Intrinsic.Call, Intrinsic.Literal, Intrinsic.PathArgument {

    /** Dispatches to the visitor method of this node's kind. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of node. */
    interface Visitor<R> {
        R visitCall(Call call);

        R visitLiteral(Literal literal);

        R visitPath(PathArgument path);
    }

    /**
     * {@code States.Name(arg, ...)}.
     *
     * @param function  the function
     * @param arguments its arguments
     */
    record Call(IntrinsicFunction function, List<Intrinsic> arguments) implements Intrinsic {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCall(this);
        }

        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * A string ({@code 'text'}), number, boolean or null literal.
     *
     * @param value      the value, escapes resolved
     * @param braceEscaped for a string, its text with {@code \{} and {@code \}} still escaped (States.Format
     *                   tells escaped braces from placeholders); null otherwise
     */
    record Literal(JsonNode value, String braceEscaped) implements Intrinsic {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLiteral(this);
        }
    }

    /** A path argument, read from the effective input ({@code $...}) or the context object ({@code $$...}). */
    record PathArgument(JsonPath path) implements Intrinsic {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPath(this);
        }
    }
}
