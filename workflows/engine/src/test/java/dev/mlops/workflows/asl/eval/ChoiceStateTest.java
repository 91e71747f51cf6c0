package dev.mlops.workflows.asl.eval;

import dev.mlops.workflows.asl.StatesErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.mlops.workflows.asl.Asl.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Choice rules (States Language, "Choice Rules"): every operator, its *Path variant, type mismatches, Boolean logic. */
class ChoiceStateTest {

    /** A Choice with one rule going to Yes, Default No; the output says which. */
    private static String choice(String rule) {
        return "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": [" + rule.replaceFirst("}$", ", \"Next\": \"Yes\"}")
                + "], \"Default\": \"No\"}, \"Yes\": {\"Type\": \"Pass\", \"Result\": \"yes\", \"End\": true},"
                + " \"No\": {\"Type\": \"Pass\", \"Result\": \"no\", \"End\": true}}}";
    }

    private static String decide(String rule, String input) {
        ExecutionResult r = run(choice(rule), input);
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), () -> r.error() + ": " + r.cause());
        return r.output().textValue();
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "StringEquals|\"abc\"|\"abc\"|yes", "StringEquals|\"abc\"|\"abd\"|no", "StringEquals|1|\"1\"|no",
            "StringLessThan|\"abc\"|\"abd\"|yes", "StringLessThan|\"abd\"|\"abc\"|no",
            "StringGreaterThan|\"b\"|\"a\"|yes", "StringLessThanEquals|\"a\"|\"a\"|yes", "StringGreaterThanEquals|\"a\"|\"b\"|no",
            "NumericEquals|1|1.0|yes", "NumericEquals|\"1\"|1|no", "NumericLessThan|1|2|yes", "NumericLessThan|2|2|no",
            "NumericGreaterThan|2.5|2|yes", "NumericLessThanEquals|2|2|yes", "NumericGreaterThanEquals|1|2|no",
            "BooleanEquals|true|true|yes", "BooleanEquals|\"true\"|true|no", "BooleanEquals|false|true|no",
            "TimestampEquals|\"2016-03-14T01:59:00Z\"|\"2016-03-14T02:59:00+01:00\"|yes",
            "TimestampLessThan|\"2016-03-14T01:59:00Z\"|\"2016-03-14T02:00:00Z\"|yes",
            "TimestampGreaterThan|\"2016-03-14T01:59:00.5Z\"|\"2016-03-14T01:59:00Z\"|yes",
            "TimestampLessThanEquals|\"2016-03-14T01:59:00Z\"|\"2016-03-14T01:59:00Z\"|yes",
            "TimestampGreaterThanEquals|\"2016-03-14T01:58:00Z\"|\"2016-03-14T01:59:00Z\"|no",
            "TimestampEquals|\"2016-03-14t01:59:00z\"|\"2016-03-14T01:59:00Z\"|no",
            "TimestampLessThan|\"yesterday\"|\"2016-03-14T01:59:00Z\"|no",
            "TimestampLessThanEquals|5|\"2016-03-14T01:59:00Z\"|no"})
    void comparison_andPathVariant(String operator, String value, String expected, String outcome) {
        assertEquals(outcome, decide("{\"Variable\": \"$.v\", \"" + operator + "\": " + expected + "}", "{\"v\": " + value + "}"),
                "literal; a value of another type is no match, not an error");
        if (!expected.startsWith("\"") || operator.startsWith("String") || operator.startsWith("Timestamp")) {
            assertEquals(outcome, decide("{\"Variable\": \"$.v\", \"" + operator + "Path\": \"$.w\"}", "{\"v\": " + value + ", \"w\": " + expected + "}"),
                    "Path variant");
        }
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "IsNull|null|yes", "IsNull|0|no", "IsNumeric|1.5|yes", "IsNumeric|\"1\"|no", "IsString|\"x\"|yes", "IsString|1|no",
            "IsBoolean|false|yes", "IsBoolean|\"false\"|no", "IsTimestamp|\"2016-03-14T01:59:00Z\"|yes", "IsTimestamp|\"2016-03-14\"|no",
            "IsPresent|1|yes"})
    void typeTests(String operator, String value, String outcome) {
        assertEquals(outcome, decide("{\"Variable\": \"$.v\", \"" + operator + "\": true}", "{\"v\": " + value + "}"));
        assertEquals(outcome.equals("yes") ? "no" : "yes", decide("{\"Variable\": \"$.v\", \"" + operator + "\": false}", "{\"v\": " + value + "}"));
    }

    @Test
    void isPresent_onMissingVariable_isFalseNotError() {
        assertEquals("no", decide("{\"Variable\": \"$.missing\", \"IsPresent\": true}", "{}"));
        assertEquals("yes", decide("{\"Variable\": \"$.missing\", \"IsPresent\": false}", "{}"));
    }

    @Test
    void missingVariable_isRuntimeError() {
        ExecutionResult r = run(choice("{\"Variable\": \"$.missing\", \"NumericEquals\": 1}"), "{}");
        assertEquals(StatesErrors.RUNTIME, r.error());
        assertTrue(r.cause().contains("Invalid path '$.missing': The choice state's condition path references an invalid value."), r.cause());
    }

    @Test
    void missingPathOperand_isRuntimeError() {
        assertEquals(StatesErrors.RUNTIME, run(choice("{\"Variable\": \"$.v\", \"NumericEqualsPath\": \"$.w\"}"), "{\"v\": 1}").error());
    }

    @Test
    void stringMatches_wildcardsAndEscapes() {
        String rule = "{\"Variable\": \"$.v\", \"StringMatches\": \"log-*.txt\"}";
        assertEquals("yes", decide(rule, "{\"v\": \"log-2024-01.txt\"}"));
        assertEquals("yes", decide(rule, "{\"v\": \"log-.txt\"}"));
        assertEquals("no", decide(rule, "{\"v\": \"log-1.txt.gz\"}"));
        // "\\*" in JSON is \* in the pattern: a literal star; "\\\\" is \\ in the pattern: a literal backslash.
        assertEquals("yes", decide("{\"Variable\": \"$.v\", \"StringMatches\": \"a\\\\*b\"}", "{\"v\": \"a*b\"}"));
        assertEquals("no", decide("{\"Variable\": \"$.v\", \"StringMatches\": \"a\\\\*b\"}", "{\"v\": \"axxb\"}"));
        assertEquals("yes", decide("{\"Variable\": \"$.v\", \"StringMatches\": \"C:\\\\\\\\*\"}", "{\"v\": \"C:\\\\dir\"}"));
        assertEquals("yes", decide("{\"Variable\": \"$.v\", \"StringMatches\": \"*.[ch]\"}", "{\"v\": \"x.[ch]\"}"), "regex characters are literals");
        assertEquals("no", decide("{\"Variable\": \"$.v\", \"StringMatches\": \"*\"}", "{\"v\": 5}"));
    }

    @Test
    void andOrNot_combine() {
        String rule = "{\"And\": [{\"Variable\": \"$.a\", \"NumericGreaterThan\": 1}, {\"Or\": [{\"Variable\": \"$.b\", \"StringEquals\": \"x\"},"
                + " {\"Not\": {\"Variable\": \"$.c\", \"IsPresent\": true}}]}]}";
        assertEquals("yes", decide(rule, "{\"a\": 2, \"b\": \"x\", \"c\": 1}"));
        assertEquals("yes", decide(rule, "{\"a\": 2, \"b\": \"y\"}"));
        assertEquals("no", decide(rule, "{\"a\": 2, \"b\": \"y\", \"c\": 1}"));
        assertEquals("no", decide(rule, "{\"a\": 1, \"b\": \"x\"}"));
    }

    @Test
    void firstMatchingRuleWins_andOutputIsEffectiveInput() {
        String def = "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"InputPath\": \"$.in\", \"OutputPath\": \"$.keep\", \"Choices\": ["
                + "{\"Variable\": \"$.n\", \"NumericGreaterThan\": 0, \"Next\": \"A\"}, {\"Variable\": \"$.n\", \"NumericGreaterThan\": 1, \"Next\": \"B\"}]},"
                + " \"A\": {\"Type\": \"Succeed\"}, \"B\": {\"Type\": \"Fail\"}}}";
        ExecutionResult r = run(def, "{\"in\": {\"n\": 5, \"keep\": {\"k\": 1}}}");
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status());
        assertEquals(dev.mlops.workflows.asl.Asl.json("{\"k\": 1}"), r.output());
    }

    @Test
    void noMatchWithoutDefault_isNoChoiceMatched() {
        String def = "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.n\", \"NumericEquals\": 1, \"Next\": \"A\"}]},"
                + " \"A\": {\"Type\": \"Succeed\"}}}";
        ExecutionResult r = run(def, "{\"n\": 2}");
        assertEquals(ExecutionResult.Status.FAILED, r.status());
        assertEquals("States.NoChoiceMatched", r.error());
    }

    @Test
    void variable_mayReadContextObject() {
        assertEquals("yes", decide("{\"Variable\": \"$$.State.Name\", \"StringEquals\": \"C\"}", "{}"));
    }
}
