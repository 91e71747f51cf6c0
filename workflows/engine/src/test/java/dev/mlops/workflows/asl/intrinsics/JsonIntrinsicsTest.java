package dev.mlops.workflows.asl.intrinsics;

import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.assertFailure;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** States.StringToJson, States.JsonToString and States.JsonMerge (developer guide examples). */
class JsonIntrinsicsTest {

    @Test
    void stringToJson_parses() {
        assertEquals(json("{\"foo\": \"bar\"}"), eval("States.StringToJson($.escapedJsonString)", "{\"escapedJsonString\": \"{\\\"foo\\\": \\\"bar\\\"}\"}"));
        assertFailure("States.StringToJson($.s)", "{\"s\": \"{nope\"}", "not JSON");
    }

    @Test
    void jsonToString_serialisesCompactly() {
        assertEquals(json("\"{\\\"foo\\\":\\\"bar\\\"}\""), eval("States.JsonToString($.unescapedJson)", "{\"unescapedJson\": {\"foo\": \"bar\"}}"));
    }

    @Test
    void jsonMerge_isShallowRightWins() {
        String input = "{\"json1\": {\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2}, \"json2\": {\"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3}}";
        assertEquals(json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}"), eval("States.JsonMerge($.json1, $.json2, false)", input));
    }

    @Test
    void jsonMerge_deepOrNonObjects_fail() {
        assertFailure("States.JsonMerge($.a, $.a, true)", "{\"a\": {}}", "deep merging is not supported");
        assertFailure("States.JsonMerge($.a, 1, false)", "{\"a\": {}}", "argument 2 must be a JSON object");
        assertFailure("States.JsonMerge($.a, $.a)", "{\"a\": {}}", "expected 3 arguments");
    }
}
