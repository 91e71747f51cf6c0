package dev.mlops.workflows.asl.jsonata;

import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.jsonata.JsonataFunctionsTest.failure;
import static dev.mlops.workflows.asl.jsonata.JsonataFunctionsTest.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where com.dashjoin:jsonata 0.9.10 answers otherwise than jsonata-js 2.0.6 (the JSONata Step Functions runs), and
 * this engine's layer makes it answer as the reference does. Each test names the library's own answer.
 */
class JsonataReferenceDifferencesTest {

    @Test
    void substring_countsCodePoints() {
        // The library throws IndexOutOfBoundsException here, and answers "ab" to $substring('😀ab', 1, 1).
        assertEquals(json("\"ab\""), value("$substring('\uD83D\uDE00ab', 1)"));
        assertEquals(json("\"a\""), value("$substring('\uD83D\uDE00ab', 1, 1)"));
        assertEquals(json("\"b\""), value("$substring('\uD83D\uDE00ab', -1)"));
        assertEquals(json("\"bc\""), value("$substring('abcd', 1, 2)"));
        assertEquals(json("\"\""), value("$substring('abcd', 1, 0)"));
        assertEquals(json("\"abcd\""), value("$substring('abcd', -9)"));
    }

    @Test
    void encodeUrl_isJavaScriptsEncodeUri() {
        // The library form-encodes: "a+b%26c%2F%C3%A9%3Fx%3D1%23y".
        assertEquals(json("\"a%20b&c/%C3%A9?x=1#y\""), value("$encodeUrl('a b&c/\u00e9?x=1#y')"));
        assertTrue(failure("$encodeUrl('\uD800')").contains("D3140"));
    }

    @Test
    void decodeUrlComponent_keepsPlus() {
        // The library turns '+' into a space: "a b c".
        assertEquals(json("\"a b+c\""), value("$decodeUrlComponent('a%20b+c')"));
        assertEquals(json("\"\u00e9/\""), value("$decodeUrlComponent('%C3%A9%2F')"));
        assertTrue(failure("$decodeUrlComponent('%E0%A4%A')").contains("D3140"));
    }

    @Test
    void decodeUrl_keepsEscapesOfReservedCharacters() {
        // The library decodes every escape: "a/b c".
        assertEquals(json("\"a%2Fb c+\u00e9\""), value("$decodeUrl('a%2Fb%20c+%C3%A9')"));
    }

    @Test
    void integralNumbersBelow1e21_printInFull() {
        // The library computes 1e20 as the double 1.0E20, which Jackson would print so.
        assertEquals("100000000000000000000", value("1e20").toString());
        assertEquals("3", value("1.5 * 2").toString());
        assertEquals("2", value("$average([2, 2])").toString());
        assertEquals("1.5", value("3 / 2").toString());
    }

    @Test
    void functionsInResults_areDropped_asJsonStringifyDrops() {
        // The library hands back its lambda object as the field's value.
        assertEquals(json("{\"a\": 1}"), value("{'f': function($x) {$x}, 'a': 1}"));
    }

    @Test
    void jsonNull_staysNull_notUndefined() {
        // By default the library converts null results to Java null, which would read as "returned nothing".
        assertEquals(json("null"), value("null"));
        assertEquals(json("{\"v\": null}"), JsonataFunctionsTest.eval("{'v': $states.input.v}", "{\"v\": null}").output());
        assertEquals(json("null"), JsonataFunctionsTest.eval("$states.input.v", "{\"v\": null}").output());
    }

    @Test
    void functionsThatBuildOrReorder_workOnTheInput_withoutChangingIt() {
        String input = "{\"arr\": [3, 1, 2], \"obj\": {\"a\": 1, \"b\": {\"c\": 2}}}";
        assertEquals(json("[2, 1, 3]"), JsonataFunctionsTest.eval("$reverse($states.input.arr)", input).output());
        assertEquals(json("[1, 2, 3]"), JsonataFunctionsTest.eval("$sort($states.input.arr)", input).output());
        assertEquals(json("[3, 1, 2, 4]"), JsonataFunctionsTest.eval("$append($states.input.arr, 4)", input).output());
        assertEquals(3, JsonataFunctionsTest.eval("$shuffle($states.input.arr)", input).output().size());
        assertEquals(json("{\"a\": 1, \"b\": {\"c\": 2}, \"d\": 3}"),
                JsonataFunctionsTest.eval("$merge([$states.input.obj, {'d': 3}])", input).output());
        assertEquals(json("{\"a\": 1, \"b\": {\"c\": 9}}"),
                JsonataFunctionsTest.eval("$states.input.obj ~> |b|{'c': 9}|", input).output());
        assertEquals(json("{\"a\": 1}"), JsonataFunctionsTest.eval("$sift($states.input.obj, function($v) {$v = 1})", input).output());
        assertEquals(json("[\"a\", \"b\"]"), JsonataFunctionsTest.eval("$keys($states.input.obj)", input).output());
        assertEquals(json("{\"out\": [3, 1, 2], \"sorted\": [1, 2, 3]}"), JsonataFunctionsTest.eval(
                "{'sorted': $sort($states.input.arr), 'out': $states.input.arr}", input).output());
        assertEquals(json("[3, 2]"), JsonataFunctionsTest.eval("$states.input.arr[$ > 1]", input).output());
        assertEquals(json("\"{\\\"a\\\":1,\\\"b\\\":{\\\"c\\\":2}}\""),
                JsonataFunctionsTest.eval("$string($states.input.obj)", input).output());
    }

    @Test
    void now_isTheExecutionsTime_notTheWallClock() {
        // The library reads System.currentTimeMillis(); runs on a virtual clock must repeat.
        assertEquals(json("\"2026-01-01T00:00:00.000Z\""), value("$now()"));
    }
}
