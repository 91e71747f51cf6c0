package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;
import dev.mlops.workflows.asl.Timestamps;
import dev.mlops.workflows.asl.model.ChoiceRule;
import dev.mlops.workflows.asl.path.JsonPath;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Evaluates Choice rules (States Language, "Choice Rules"). A comparison whose variable holds a value of another
 * type than the operator compares is false, not an error; a variable that does not exist is a States.Runtime error,
 * except for IsPresent.
 */
final class ChoiceEvaluator {

    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /**
     * @param input   the Choice state's effective input
     * @param context the context object, built on demand
     * @param runtime makes the States.Runtime error for a detail message
     */
    boolean matches(ChoiceRule rule, JsonNode input, Supplier<JsonNode> context, Function<String, AslError> runtime) {
        return matches(rule, path -> path.find(path.isContext() ? context.get() : input), runtime, c -> {
            throw new IllegalStateException("a JSONata Condition needs the interpreter's evaluator");
        });
    }

    /**
     * @param resolve    finds a path's node (null when it does not exist) in the input, the context object or a
     *                   variable
     * @param runtime    makes the States.Runtime error for a detail message
     * @param conditions decides a JSONata Condition
     */
    boolean matches(ChoiceRule rule, Function<JsonPath, JsonNode> resolve, Function<String, AslError> runtime,
                    Predicate<ChoiceRule.Condition> conditions) {
        return rule.accept(new ChoiceRule.Visitor<Boolean>() {
            @Override
            public Boolean visitAnd(ChoiceRule.And r) {
                for (ChoiceRule inner : r.rules()) {
                    if (!inner.accept(this)) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Boolean visitOr(ChoiceRule.Or r) {
                for (ChoiceRule inner : r.rules()) {
                    if (inner.accept(this)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public Boolean visitNot(ChoiceRule.Not r) {
                return !r.rule().accept(this);
            }

            @Override
            public Boolean visitComparison(ChoiceRule.Comparison c) {
                return compare(c, resolve, runtime);
            }

            @Override
            public Boolean visitCondition(ChoiceRule.Condition c) {
                return conditions.test(c);
            }
        });
    }

    private boolean compare(ChoiceRule.Comparison c, Function<JsonPath, JsonNode> resolve,
                            Function<String, AslError> runtime) {
        JsonNode v = resolve.apply(c.variable());
        if (c.operator() == ChoiceRule.Operator.IsPresent) {
            return (v != null) == c.value().booleanValue();
        }
        if (v == null) {
            throw runtime.apply("Invalid path '" + c.variable() + "': The choice state's condition path references an invalid value.");
        }
        JsonNode expected = c.value();
        if (c.valuePath() != null) {
            expected = resolve.apply(c.valuePath());
            if (expected == null) {
                throw runtime.apply("Invalid path '" + c.valuePath() + "': The choice state's condition path references an invalid value.");
            }
        }
        return switch (c.operator()) {
            case IsPresent -> throw new IllegalStateException("IsPresent is decided above");
            case IsNull -> v.isNull() == expected.booleanValue();
            case IsNumeric -> v.isNumber() == expected.booleanValue();
            case IsString -> v.isTextual() == expected.booleanValue();
            case IsBoolean -> v.isBoolean() == expected.booleanValue();
            case IsTimestamp -> (v.isTextual() && Timestamps.parse(v.textValue()) != null) == expected.booleanValue();
            case StringEquals -> v.isTextual() && expected.isTextual() && v.textValue().equals(expected.textValue());
            case StringLessThan -> v.isTextual() && expected.isTextual() && v.textValue().compareTo(expected.textValue()) < 0;
            case StringGreaterThan -> v.isTextual() && expected.isTextual() && v.textValue().compareTo(expected.textValue()) > 0;
            case StringLessThanEquals -> v.isTextual() && expected.isTextual() && v.textValue().compareTo(expected.textValue()) <= 0;
            case StringGreaterThanEquals -> v.isTextual() && expected.isTextual() && v.textValue().compareTo(expected.textValue()) >= 0;
            case StringMatches -> v.isTextual() && expected.isTextual() && pattern(expected.textValue()).matcher(v.textValue()).matches();
            case NumericEquals -> v.isNumber() && expected.isNumber() && v.decimalValue().compareTo(expected.decimalValue()) == 0;
            case NumericLessThan -> v.isNumber() && expected.isNumber() && v.decimalValue().compareTo(expected.decimalValue()) < 0;
            case NumericGreaterThan -> v.isNumber() && expected.isNumber() && v.decimalValue().compareTo(expected.decimalValue()) > 0;
            case NumericLessThanEquals -> v.isNumber() && expected.isNumber() && v.decimalValue().compareTo(expected.decimalValue()) <= 0;
            case NumericGreaterThanEquals -> v.isNumber() && expected.isNumber() && v.decimalValue().compareTo(expected.decimalValue()) >= 0;
            case BooleanEquals -> v.isBoolean() && expected.isBoolean() && v.booleanValue() == expected.booleanValue();
            case TimestampEquals -> timestamps(v, expected, order -> order == 0);
            case TimestampLessThan -> timestamps(v, expected, order -> order < 0);
            case TimestampGreaterThan -> timestamps(v, expected, order -> order > 0);
            case TimestampLessThanEquals -> timestamps(v, expected, order -> order <= 0);
            case TimestampGreaterThanEquals -> timestamps(v, expected, order -> order >= 0);
        };
    }

    /** Whether both are timestamps and their order passes {@code test}; false when either is not a timestamp. */
    private static boolean timestamps(JsonNode a, JsonNode b, IntPredicate test) {
        Instant x = a.isTextual() ? Timestamps.parse(a.textValue()) : null;
        Instant y = b.isTextual() ? Timestamps.parse(b.textValue()) : null;
        return x != null && y != null && test.test(x.compareTo(y));
    }

    /** StringMatches: {@code *} matches any run of characters; {@code \*} is a literal star, {@code \\} a backslash. */
    private Pattern pattern(String glob) {
        return patterns.computeIfAbsent(glob, g -> {
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (int i = 0; i < g.length(); i++) {
                char ch = g.charAt(i);
                if (ch == '\\' && i + 1 < g.length() && (g.charAt(i + 1) == '*' || g.charAt(i + 1) == '\\')) {
                    literal.append(g.charAt(++i));
                } else if (ch == '*') {
                    if (literal.length() > 0) {
                        regex.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    regex.append(".*");
                } else {
                    literal.append(ch);
                }
            }
            if (literal.length() > 0) {
                regex.append(Pattern.quote(literal.toString()));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        });
    }
}
