package dev.mlops.workflows.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.jsonata.JsonataTemplate;
import dev.mlops.workflows.asl.path.JsonPath;

import java.util.List;

/** A Choice rule: a comparison, or a Boolean combination of rules (States Language, "Choice Rules"). */
public sealed interface ChoiceRule
        permits ChoiceRule.And, ChoiceRule.Or, ChoiceRule.Not, ChoiceRule.Comparison, ChoiceRule.Condition {

    /** A JSON Pointer to this rule in the definition. */
    String location();

    /** Dispatches to the visitor method of this rule's kind. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of rule. */
    interface Visitor<R> {
        R visitAnd(And rule);

        R visitOr(Or rule);

        R visitNot(Not rule);

        R visitComparison(Comparison rule);

        R visitCondition(Condition rule);
    }

    /** {@code "And": [...]}: every rule matches. */
    record And(List<ChoiceRule> rules, String location) implements ChoiceRule {
        public And {
            rules = List.copyOf(rules);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAnd(this);
        }
    }

    /** {@code "Or": [...]}: some rule matches. */
    record Or(List<ChoiceRule> rules, String location) implements ChoiceRule {
        public Or {
            rules = List.copyOf(rules);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitOr(this);
        }
    }

    /** {@code "Not": {...}}: the rule does not match. */
    record Not(ChoiceRule rule, String location) implements ChoiceRule {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNot(this);
        }
    }

    /**
     * {@code "Variable": path, "<Operator>": value} or {@code "<Operator>Path": path}.
     *
     * @param variable  the reference path of the value to test
     * @param operator  the comparison
     * @param value     the literal to compare with; null for a *Path variant
     * @param valuePath the reference path of the value to compare with, for a *Path variant; otherwise null
     */
    record Comparison(JsonPath variable, Operator operator, JsonNode value, JsonPath valuePath, String location)
            implements ChoiceRule {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitComparison(this);
        }
    }

    /**
     * A JSONata Choice rule: {@code "Condition": "{% expr %}"}, which must evaluate to a boolean.
     *
     * @param condition the Condition (an expression, or a literal boolean)
     */
    record Condition(JsonataTemplate condition, String location) implements ChoiceRule {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCondition(this);
        }
    }

    /** The comparison operators; each but the type tests also has a {@code *Path} variant. */
    enum Operator {
        StringEquals(Kind.STRING, true), StringLessThan(Kind.STRING, true), StringGreaterThan(Kind.STRING, true),
        StringLessThanEquals(Kind.STRING, true), StringGreaterThanEquals(Kind.STRING, true),
        StringMatches(Kind.STRING, false),
        NumericEquals(Kind.NUMERIC, true), NumericLessThan(Kind.NUMERIC, true), NumericGreaterThan(Kind.NUMERIC, true),
        NumericLessThanEquals(Kind.NUMERIC, true), NumericGreaterThanEquals(Kind.NUMERIC, true),
        BooleanEquals(Kind.BOOLEAN, true),
        TimestampEquals(Kind.TIMESTAMP, true), TimestampLessThan(Kind.TIMESTAMP, true),
        TimestampGreaterThan(Kind.TIMESTAMP, true), TimestampLessThanEquals(Kind.TIMESTAMP, true),
        TimestampGreaterThanEquals(Kind.TIMESTAMP, true),
        IsNull(Kind.TYPE_TEST, false), IsPresent(Kind.TYPE_TEST, false), IsNumeric(Kind.TYPE_TEST, false),
        IsString(Kind.TYPE_TEST, false), IsBoolean(Kind.TYPE_TEST, false), IsTimestamp(Kind.TYPE_TEST, false);

        private final Kind kind;
        private final boolean hasPathVariant;

        Operator(Kind kind, boolean hasPathVariant) {
            this.kind = kind;
            this.hasPathVariant = hasPathVariant;
        }

        /** What the operator compares. */
        public Kind kind() {
            return kind;
        }

        /** Whether {@code <name>Path} is also an operator. */
        public boolean hasPathVariant() {
            return hasPathVariant;
        }
    }

    /** The type of value an operator compares; type tests take a boolean. */
    enum Kind {
        /** Compares strings. */
        STRING,
        /** Compares numbers. */
        NUMERIC,
        /** Compares booleans. */
        BOOLEAN,
        /** Compares RFC 3339 timestamps. */
        TIMESTAMP,
        /** Tests the variable's presence or type against a boolean. */
        TYPE_TEST
    }
}
