package dev.mlops.workflows.asl.parse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mlops.workflows.asl.model.Intrinsic;
import dev.mlops.workflows.asl.model.IntrinsicFunction;
import dev.mlops.workflows.asl.path.JsonPath;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an intrinsic function call such as {@code States.Format('Hello, {}', $.name)}. Arguments are string
 * literals in single quotes (with {@code \'}, {@code \{}, {@code \}} and {@code \\} escapes), numbers, booleans,
 * null, paths ({@code $...}, {@code $$...}) and nested calls.
 */
public final class IntrinsicParser {

    /** "You can nest up to 10 intrinsic functions within a field" (developer guide, "Intrinsic functions"). */
    private static final int MAX_DEPTH = 10;

    private final String text;
    private int pos;
    private int depth;

    private IntrinsicParser(String text) {
        this.text = text;
    }

    /** Whether a {@code .$} value is meant as an intrinsic call rather than a path. */
    public static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    /**
     * Parses a whole call.
     *
     * @throws IllegalArgumentException naming the text, the position and what was expected there
     */
    public static Intrinsic.Call parse(String text) {
        IntrinsicParser p = new IntrinsicParser(text);
        Intrinsic.Call call = p.call();
        p.spaces();
        if (p.pos != text.length()) {
            throw p.error("the end of the call");
        }
        return call;
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("invalid intrinsic function '" + text + "': expected " + expected
                + " at position " + pos);
    }

    private Intrinsic.Call call() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        String name = text.substring(start, pos);
        IntrinsicFunction function = IntrinsicFunction.named(name).orElseThrow(() -> new IllegalArgumentException(
                "invalid intrinsic function '" + text + "': '" + name + "' is not an intrinsic function (expected one of "
                        + java.util.Arrays.stream(IntrinsicFunction.values()).map(IntrinsicFunction::aslName).sorted().toList() + ")"));
        if (++depth > MAX_DEPTH) {
            pos = start;
            throw error("at most " + MAX_DEPTH + " nested intrinsic functions, not a deeper call");
        }
        expect('(');
        List<Intrinsic> args = new ArrayList<>();
        spaces();
        if (peek(')')) {
            pos++;
            depth--;
            return new Intrinsic.Call(function, args);
        }
        while (true) {
            spaces();
            args.add(argument());
            spaces();
            if (peek(',')) {
                pos++;
            } else {
                expect(')');
                depth--;
                return new Intrinsic.Call(function, args);
            }
        }
    }

    private Intrinsic argument() {
        if (peek('\'')) {
            String escaped = string();
            return new Intrinsic.Literal(JsonNodeFactory.instance.textNode(escaped.replace("\\{", "{").replace("\\}", "}")), escaped);
        }
        if (peek('$')) {
            int start = pos;
            int depth = 0;
            boolean quoted = false;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\'' && depth > 0) {
                    quoted = !quoted;
                } else if (!quoted && (c == '[' || c == '(')) {
                    depth++;
                } else if (!quoted && (c == ']' || (c == ')' && depth > 0))) {
                    depth--;
                } else if (!quoted && depth == 0 && (c == ',' || c == ')' || c == ' ')) {
                    break;
                }
                pos++;
            }
            String path = text.substring(start, pos);
            try {
                return new Intrinsic.PathArgument(JsonPath.parse(path));
            } catch (IllegalArgumentException e) {
                pos = start;
                throw error("a valid path (" + e.getMessage() + ")");
            }
        }
        if (text.startsWith("States.", pos)) {
            return call();
        }
        for (String word : new String[] {"true", "false", "null"}) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return new Intrinsic.Literal(word.equals("null") ? JsonNodeFactory.instance.nullNode()
                        : JsonNodeFactory.instance.booleanNode(word.equals("true")), null);
            }
        }
        int start = pos;
        while (pos < text.length() && "-+.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw error("a string in single quotes, a number, true, false, null, a path or an intrinsic function");
        }
        String number = text.substring(start, pos);
        try {
            BigDecimal value = new BigDecimal(number);
            boolean isInteger = number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
            return new Intrinsic.Literal(isInteger && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    ? (value.longValueExact() == value.intValue() ? JsonNodeFactory.instance.numberNode(value.intValue())
                            : JsonNodeFactory.instance.numberNode(value.longValueExact()))
                    : JsonNodeFactory.instance.numberNode(value.doubleValue()), null);
        } catch (NumberFormatException | ArithmeticException e) {
            pos = start;
            throw error("a number");
        }
    }

    private String string() {
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                char escaped = text.charAt(pos++);
                // The States Language escapes only ', {, } and \; the braces stay escaped for States.Format.
                if (escaped == '{' || escaped == '}') {
                    b.append('\\');
                }
                b.append(escaped);
            } else if (c == '\'') {
                return b.toString();
            } else {
                b.append(c);
            }
        }
        throw error("a closing single quote");
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        pos++;
    }

    private void spaces() {
        while (peek(' ')) {
            pos++;
        }
    }
}
