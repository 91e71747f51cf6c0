package dev.mlops.workflows.asl.parse;

import dev.mlops.workflows.asl.model.ChoiceRule;
import dev.mlops.workflows.asl.model.State;
import dev.mlops.workflows.asl.model.StateMachine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.mlops.workflows.asl.Asl.fixture;
import static dev.mlops.workflows.asl.Asl.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad definitions give parser errors naming the state and the field, never runtime surprises. */
class AslParserTest {

    private static DefinitionException invalid(String definition) {
        return assertThrows(DefinitionException.class, () -> AslParser.parse(definition));
    }

    private static void assertProblem(String definition, String state, String field, String messagePart) {
        DefinitionException e = invalid(definition);
        assertEquals("InvalidDefinition", e.error());
        assertTrue(e.problems().stream().anyMatch(p -> java.util.Objects.equals(state, p.state()) && field.equals(p.field())
                && p.message().contains(messagePart)), () -> "expected " + state + "/" + field + " '" + messagePart + "' in " + e.problems());
    }

    @Test
    void parse_everyStateType_buildsModelWithNamesAndLocations() {
        StateMachine m = AslParser.parse(fixture("every-state.asl.json"));
        assertEquals("Start", m.startAt());
        assertEquals(List.of("Start", "Work", "Decide", "Pause", "Fan", "Loop", "Done", "Broken"), List.copyOf(m.states().keySet()));
        State.Task work = (State.Task) m.state("Work");
        assertEquals("/States/Work", work.location());
        assertEquals(2, work.retry().get(0).maxAttempts());
        assertEquals(1, work.retry().get(0).intervalSeconds(), "IntervalSeconds defaults to 1");
        assertEquals(2.0, work.retry().get(0).backoffRate(), "BackoffRate defaults to 2.0");
        State.Choice decide = (State.Choice) m.state("Decide");
        assertInstanceOf(ChoiceRule.And.class, decide.choices().get(0).rule());
        assertEquals("/States/Decide/Choices/0", decide.choices().get(0).rule().location());
        State.Map loop = (State.Map) m.state("Loop");
        assertEquals("/States/Loop/ItemProcessor", loop.processor().location());
        State.Parallel fan = (State.Parallel) m.state("Fan");
        assertEquals("/States/Fan/Branches/1", fan.branches().get(1).location());
    }

    @Test
    void notJson_isReported() {
        assertProblem("{", null, "(definition)", "not JSON");
    }

    @Test
    void missingStartAt_isReported() {
        assertProblem("{\"States\": {\"A\": {\"Type\": \"Succeed\"}}}", null, "StartAt", "is required");
    }

    @Test
    void startAtUnknown_isReported() {
        assertProblem("{\"StartAt\": \"B\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}", null, "StartAt", "'B' is not a state");
    }

    @Test
    void unknownNext_namesStateAndField() {
        assertProblem("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Nowhere\"}}}", "A", "Next", "'Nowhere' is not a state");
    }

    @Test
    void unreachableState_isReported() {
        assertProblem("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}, \"B\": {\"Type\": \"Succeed\"}}}", "B", "Next", "not reachable");
    }

    @Test
    void missingEndOrNext_isReported() {
        assertProblem("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\"}}}", "A", "Next", "needs Next or \"End\": true");
    }

    @Test
    void nextAndEnd_isReported() {
        assertProblem("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"A\", \"End\": true}}}", "A", "End", "mutually exclusive");
    }

    @Test
    void fieldNotAllowedOnType_isReported() {
        assertProblem(single("Pass", "\"Resource\": \"x\""), "S", "Resource", "is not a field of a Pass state");
        assertProblem(single("Succeed", "\"Next\": \"S\""), "S", "Next", "is not a field of a Succeed state");
        assertProblem(single("Task", "\"Resource\": \"x\", \"Result\": 1"), "S", "Result", "is not a field of a Task state");
    }

    @Test
    void unknownType_isReported() {
        assertProblem(single("Sleep", ""), "S", "Type", "'Sleep' is not a state type");
    }

    @Test
    void wrongFieldTypes_areReported() {
        assertProblem(single("Task", "\"Resource\": 5"), "S", "Resource", "expected a string");
        assertProblem(single("Task", "\"Resource\": \"x\", \"TimeoutSeconds\": \"10\""), "S", "TimeoutSeconds", "positive integer");
        assertProblem(single("Wait", "\"Seconds\": -1"), "S", "Seconds", "non-negative integer");
        assertProblem(single("Pass", "\"InputPath\": 3"), "S", "InputPath", "expected a path");
        assertProblem(single("Map", "\"MaxConcurrency\": -2, \"ItemProcessor\": {\"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Succeed\"}}}"),
                "S", "MaxConcurrency", "non-negative integer");
    }

    @Test
    void invalidPaths_areReported() {
        assertProblem(single("Pass", "\"InputPath\": \"foo\""), "S", "InputPath", "invalid JSONPath 'foo'");
        assertProblem(single("Pass", "\"ResultPath\": \"$.a[*]\""), "S", "ResultPath", "must be a reference path");
        assertProblem(single("Pass", "\"ResultPath\": \"$$.Execution\""), "S", "ResultPath", "must be a reference path");
        assertProblem(single("Map", "\"ItemsPath\": \"$..x\", \"ItemProcessor\": {\"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Succeed\"}}}"),
                "S", "ItemsPath", "must be a reference path");
        assertProblem(single("Pass", "\"Parameters\": {\"a.$\": \"$.x[\"}"), "S", "a.$", "invalid JSONPath");
        assertProblem(single("Pass", "\"Parameters\": {\"a.$\": 5}"), "S", "a.$", "needs a path or an intrinsic");
    }

    @Test
    void intrinsicSyntax_isCheckedAtParseTime() {
        assertProblem(single("Pass", "\"Parameters\": {\"a.$\": \"States.Nope(1)\"}"), "S", "a.$", "'States.Nope' is not an intrinsic function");
        assertProblem(single("Pass", "\"Parameters\": {\"a.$\": \"States.Format('x', $.a\"}"), "S", "a.$", "invalid intrinsic function");
        assertProblem(single("Pass", "\"Parameters\": {\"a.$\": \"States.Format('unterminated)\"}"), "S", "a.$", "closing single quote");
        String ten = "States.Array(".repeat(10) + ")".repeat(10);
        AslParser.parse(single("Pass", "\"Parameters\": {\"a.$\": \"" + ten + "\"}"));
        String eleven = "States.Array(".repeat(11) + ")".repeat(11);
        assertProblem(single("Pass", "\"Parameters\": {\"a.$\": \"" + eleven + "\"}"), "S", "a.$", "at most 10 nested");
    }

    @Test
    void choiceRules_mustBeWellFormed() {
        String noNext = "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"NumericEquals\": 1}], \"Default\": \"D\"}, \"D\": {\"Type\": \"Succeed\"}}}";
        assertProblem(noNext, "C", "Next", "needs a Next");
        String twoOps = noNext.replace("\"NumericEquals\": 1", "\"NumericEquals\": 1, \"StringEquals\": \"x\", \"Next\": \"D\"");
        assertProblem(twoOps, "C", "StringEquals", "exactly one operator");
        String wrongType = noNext.replace("\"NumericEquals\": 1", "\"NumericEquals\": \"1\", \"Next\": \"D\"");
        assertProblem(wrongType, "C", "NumericEquals", "expected a number");
        String badTimestamp = noNext.replace("\"NumericEquals\": 1", "\"TimestampEquals\": \"2016-03-14t01:59:00z\", \"Next\": \"D\"");
        assertProblem(badTimestamp, "C", "TimestampEquals", "RFC 3339");
        String badOp = noNext.replace("\"NumericEquals\": 1", "\"NumericIs\": 1, \"Next\": \"D\"");
        assertProblem(badOp, "C", "NumericIs", "not a Choice comparison operator");
        String nestedNext = noNext.replace("{\"Variable\": \"$.a\", \"NumericEquals\": 1}",
                "{\"Not\": {\"Variable\": \"$.a\", \"NumericEquals\": 1, \"Next\": \"D\"}, \"Next\": \"D\"}");
        assertProblem(nestedNext, "C", "Next", "only top-level");
        String emptyAnd = noNext.replace("{\"Variable\": \"$.a\", \"NumericEquals\": 1}", "{\"And\": [], \"Next\": \"D\"}");
        assertProblem(emptyAnd, "C", "And", "non-empty array");
        String pathVariantOfTypeTest = noNext.replace("\"NumericEquals\": 1", "\"IsNullPath\": \"$.b\", \"Next\": \"D\"");
        assertProblem(pathVariantOfTypeTest, "C", "IsNullPath", "not a Choice comparison operator");
        String noVariable = noNext.replace("\"Variable\": \"$.a\", \"NumericEquals\": 1", "\"NumericEquals\": 1, \"Next\": \"D\"");
        assertProblem(noVariable, "C", "Variable", "needs a Variable");
    }

    @Test
    void choiceState_withNextOrEnd_isReported() {
        String def = "{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Next\": \"D\", \"Choices\": [{\"Variable\": \"$.a\", \"IsPresent\": true, \"Next\": \"D\"}]}, \"D\": {\"Type\": \"Succeed\"}}}";
        assertProblem(def, "C", "Next", "is not a field of a Choice state");
    }

    @Test
    void retryAndCatch_mustBeWellFormed() {
        String base = "\"Resource\": \"arn:aws:lambda:x\", ";
        assertProblem(single("Task", base + "\"Retry\": [{\"ErrorEquals\": [\"States.ALL\", \"X\"]}]"), "S", "ErrorEquals", "must appear alone");
        assertProblem(single("Task", base + "\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}, {\"ErrorEquals\": [\"X\"]}]"), "S", "ErrorEquals", "in the last retrier");
        assertProblem(single("Task", base + "\"Retry\": [{\"ErrorEquals\": []}]"), "S", "ErrorEquals", "non-empty array");
        assertProblem(single("Task", base + "\"Retry\": [{\"ErrorEquals\": [\"X\"], \"BackoffRate\": 0.5}]"), "S", "BackoffRate", "greater than or equal to 1.0");
        assertProblem(single("Task", base + "\"Retry\": [{\"ErrorEquals\": [\"X\"], \"MaxAttempts\": -1}]"), "S", "MaxAttempts", "non-negative integer");
        assertProblem(single("Task", base + "\"Retry\": [{\"ErrorEquals\": [\"X\"], \"IntervalSeconds\": 0}]"), "S", "IntervalSeconds", "positive integer");
        assertProblem(single("Task", base + "\"Retry\": [{\"ErrorEquals\": [\"X\"], \"JitterStrategy\": \"HALF\"}]"), "S", "JitterStrategy", "FULL or NONE");
        assertProblem(single("Task", base + "\"Retry\": [{\"ErrorEquals\": [\"X\"], \"Next\": \"S\"}]"), "S", "Next", "is not a field of a retrier");
        assertProblem(single("Task", base + "\"Catch\": [{\"ErrorEquals\": [\"X\"]}]"), "S", "Next", "needs a Next");
        assertProblem(single("Task", base + "\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"S\"}, {\"ErrorEquals\": [\"X\"], \"Next\": \"S\"}]"),
                "S", "ErrorEquals", "in the last catcher");
        assertProblem(single("Task", base + "\"Catch\": [{\"ErrorEquals\": [\"X\"], \"Next\": \"Gone\"}]"), "S", "Next", "'Gone' is not a state");
    }

    @Test
    void taskTimeouts_areChecked() {
        String base = "\"Resource\": \"arn:aws:lambda:x\", ";
        assertProblem(single("Task", base + "\"TimeoutSeconds\": 10, \"TimeoutSecondsPath\": \"$.t\""), "S", "TimeoutSecondsPath", "mutually exclusive");
        assertProblem(single("Task", base + "\"TimeoutSeconds\": 10, \"HeartbeatSeconds\": 10"), "S", "HeartbeatSeconds", "smaller than TimeoutSeconds");
        assertProblem(single("Task", base + "\"HeartbeatSecondsPath\": \"$.a[*]\""), "S", "HeartbeatSecondsPath", "must be a reference path");
    }

    @Test
    void waitState_needsExactlyOneDuration() {
        assertProblem(single("Wait", ""), "S", "Seconds", "exactly one of");
        assertProblem(single("Wait", "\"Seconds\": 1, \"Timestamp\": \"2016-03-14T01:59:00Z\""), "S", "Timestamp", "exactly one of");
        assertProblem(single("Wait", "\"Timestamp\": \"yesterday\""), "S", "Timestamp", "RFC 3339");
    }

    @Test
    void failState_errorAndErrorPath_areExclusive() {
        assertProblem(single("Fail", "\"Error\": \"E\", \"ErrorPath\": \"$.e\""), "S", "ErrorPath", "mutually exclusive");
        assertProblem(single("Fail", "\"CausePath\": \"$.c[*]\""), "S", "CausePath", "must be a reference path");
    }

    @Test
    void parallelAndMap_validateTheirInnerMachines() {
        assertProblem(single("Parallel", "\"Branches\": [{\"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Pass\", \"Next\": \"Y\"}}}]"),
                "X", "Next", "'Y' is not a state");
        assertProblem(single("Parallel", "\"Branches\": []"), "S", "Branches", "non-empty array");
        assertProblem(single("Map", ""), "S", "ItemProcessor", "is required");
        assertProblem(single("Map", "\"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\"}, \"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Succeed\"}}}"),
                "S", "ExecutionType", "is required for a DISTRIBUTED Map");
        assertProblem(single("Map", "\"ItemReader\": {}, \"ItemProcessor\": {\"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Succeed\"}}}"),
                "S", "ItemReader", "DISTRIBUTED Map only");
    }

    @Test
    void nextAcrossBranches_isNotAllowed() {
        // A branch is its own machine: its states cannot name states of the enclosing machine.
        String def = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": ["
                + "{\"StartAt\": \"X\", \"States\": {\"X\": {\"Type\": \"Pass\", \"Next\": \"P\"}}}]}}}";
        assertProblem(def, "X", "Next", "'P' is not a state");
    }

    @Test
    void queryLanguage_otherThanJsonPathOrJsonata_isRejected() {
        assertProblem("{\"QueryLanguage\": \"XPath\", \"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
                null, "QueryLanguage", "expected JSONPath or JSONata");
    }

    @Test
    void everyProblem_isReportedAtOnce() {
        DefinitionException e = invalid("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Z\", \"Foo\": 1}, \"B\": {\"Type\": \"Succeed\"}}}");
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains("State 'A': field 'Foo' (/States/A/Foo)"), e.getMessage());
    }
}
