package dev.mlops.workflows.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The functions Step Functions adds to JSONata, and their argument checks. */
class JsonataFunctionsTest {

    /** Runs one JSONata Pass state whose Output is {@code expression}. */
    static ExecutionResult eval(String expression, String input) {
        String definition = "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Pass\", "
                + "\"Output\": " + com.fasterxml.jackson.databind.node.TextNode.valueOf("{% " + expression + " %}") + ", \"End\": true}}}";
        return run(definition, input);
    }

    static JsonNode value(String expression) {
        ExecutionResult r = eval(expression, "{}");
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), () -> r.error() + ": " + r.cause());
        return r.output();
    }

    static String failure(String expression) {
        ExecutionResult r = eval(expression, "{}");
        assertEquals("States.QueryEvaluationError", r.error(), () -> "expected a failure, got " + r.output());
        return r.cause();
    }

    @Test
    void partition_cutsIntoChunks_lastMayBeShorter() {
        assertEquals(json("[[1, 2, 3], [4, 5, 6], [7, 8, 9]]"), value("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)"));
        assertEquals(json("[[1, 2], [3]]"), value("$partition([1, 2, 3], 2)"));
        assertEquals(json("[]"), value("$partition([], 2)"));
    }

    @Test
    void partition_argumentChecks() {
        assertTrue(failure("$partition('abc', 2)").contains("$partition: the first argument must be an array"));
        assertTrue(failure("$partition([1], 0)").contains("chunk size must be a positive integer"));
        assertTrue(failure("$partition([1], 1.5)").contains("chunk size must be an integer"));
        assertTrue(failure("$partition([1])").contains("$partition takes 2 arguments, got 1"));
    }

    @Test
    void range_includesBothEnds_andStepsDown() {
        assertEquals(json("[0, 2, 4, 6, 8, 10]"), value("$range(0, 10, 2)"));
        assertEquals(json("[5, 3, 1]"), value("$range(5, 0, -2)"));
        assertEquals(json("[]"), value("$range(3, 1, 1)"));
        assertEquals(2001, value("$range(0, 2000, 1)").size(), "no cap at 1000 values");
    }

    @Test
    void range_argumentChecks() {
        assertTrue(failure("$range(0, 10)").contains("$range takes 3 arguments, got 2"));
        assertTrue(failure("$range(0, 10, 0)").contains("step must not be 0"));
        assertTrue(failure("$range('a', 10, 1)").contains("start must be an integer"));
        assertTrue(failure("$range(0, 10000000, 1)").contains("limit of 1000000"));
    }

    @Test
    void hash_everyAlgorithm() {
        assertEquals(json("\"a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e\""), value("$hash('Hello World', 'SHA-256')"));
        assertEquals(json("\"b10a8db164e0754105b7a99be72e3fe5\""), value("$hash('Hello World', 'MD5')"));
        assertEquals(json("\"0a4d55a8d778e5022fab701977c5d840bbc486d0\""), value("$hash('Hello World', 'SHA-1')"));
        assertEquals(96, value("$hash('x', 'SHA-384')").textValue().length());
        assertEquals(128, value("$hash('x', 'SHA-512')").textValue().length());
        assertTrue(failure("$hash('x', 'SHA-3')").contains("MD5, SHA-1, SHA-256, SHA-384, SHA-512"));
        assertTrue(failure("$hash(1, 'MD5')").contains("first argument must be a string"));
    }

    @Test
    void random_inUnitInterval_sameSeedSameNumber_andFollowsTheEngineSeed() {
        double r = value("$random()").doubleValue();
        assertTrue(r >= 0 && r < 1);
        assertEquals(value("$random()"), value("$random()"), "the engine's seeded random makes runs repeat");
        assertEquals(value("$random(42)"), value("$random(42)"));
        assertNotEquals(value("$random(42)"), value("$random(43)"));
        JsonNode pair = value("[$random(7), $random(7)]");
        assertEquals(pair.get(0), pair.get(1));
        assertTrue(failure("$random('x')").contains("seed must be an integer"));
    }

    @Test
    void uuid_isVersion4_andFollowsTheEngineSeed() {
        String id = value("$uuid()").textValue();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
        assertEquals(id, value("$uuid()").textValue());
        assertTrue(failure("$uuid(1)").contains("$uuid takes 0 arguments"));
    }

    @Test
    void parse_readsJsonText() {
        assertEquals(json("{\"foo\": \"bar\", \"n\": [1, null]}"), eval("$parse($states.input.s)",
                "{\"s\": \"{\\\"foo\\\": \\\"bar\\\", \\\"n\\\": [1, null]}\"}").output());
        assertEquals(json("5"), value("$parse('5')"));
        assertTrue(failure("$parse('{oops')").contains("$parse: the argument is not JSON"));
        assertTrue(failure("$parse(5)").contains("$parse: the argument must be a string"));
    }

    @Test
    void eval_isNotAvailable() {
        assertTrue(failure("$eval('1 + 1')").contains("$eval is not available in Step Functions; use $parse"));
    }

    @Test
    void nowAndMillis_readTheExecutionClock() {
        assertEquals(json("\"2026-01-01T00:00:00.000Z\""), value("$now()"));
        assertEquals(json("1767225600000"), value("$millis()"));
        assertEquals(json("\"2026\""), value("$now('[Y0001]')"));
    }
}
