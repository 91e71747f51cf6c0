package dev.mlops.workflows.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.path.JsonPath;

import java.util.List;

/** An intrinsic function call or one of its arguments, as written in a {@code .$} field. */
public sealed interface Intrinsic permits Intrinsic.Call, Intrinsic.Literal, Intrinsic.PathArgument {

    /**
     * {@code States.Name(arg, ...)}.
     *
     * @param name      the function's full name, for example {@code States.Format}
     * @param arguments its arguments
     */
    record Call(String name, List<Intrinsic> arguments) implements Intrinsic {
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
    }

    /** A path argument, read from the effective input ({@code $...}) or the context object ({@code $$...}). */
    record PathArgument(JsonPath path) implements Intrinsic {
    }
}
