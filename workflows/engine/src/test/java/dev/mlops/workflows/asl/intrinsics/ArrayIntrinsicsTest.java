package dev.mlops.workflows.asl.intrinsics;

import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.assertFailure;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique (developer guide examples). */
class ArrayIntrinsicsTest {

    private static final String NINE = "{\"inputArray\": [1, 2, 3, 4, 5, 6, 7, 8, 9]}";

    @Test
    void array_wrapsArguments() {
        assertEquals(json("[123456]"), eval("States.Array($.Id)", "{\"Id\": 123456}"));
        assertEquals(json("[\"a\", 1, true, null, {\"x\": 1}]"), eval("States.Array('a', 1, true, null, $.o)", "{\"o\": {\"x\": 1}}"));
        assertEquals(json("[]"), eval("States.Array()", "{}"));
    }

    @Test
    void arrayPartition_chunksWithShorterLast() {
        assertEquals(json("[[1, 2, 3, 4], [5, 6, 7, 8], [9]]"), eval("States.ArrayPartition($.inputArray, 4)", NINE));
        assertFailure("States.ArrayPartition($.inputArray, 0)", NINE, "chunk size must be a positive integer");
        assertFailure("States.ArrayPartition($.inputArray, 1.5)", NINE, "must be an integer");
        assertFailure("States.ArrayPartition('abc', 2)", NINE, "must be an array");
    }

    @Test
    void arrayContains_comparesJsonValues() {
        assertEquals(json("true"), eval("States.ArrayContains($.inputArray, $.lookingFor)", "{\"inputArray\": [1, 2, 3, 4, 5, 6, 7, 8, 9], \"lookingFor\": 5}"));
        assertEquals(json("false"), eval("States.ArrayContains($.inputArray, 'x')", NINE));
        assertEquals(json("true"), eval("States.ArrayContains($.a, $.o)", "{\"a\": [{\"k\": [1]}], \"o\": {\"k\": [1]}}"));
    }

    @Test
    void arrayRange_isInclusive() {
        assertEquals(json("[1, 3, 5, 7, 9]"), eval("States.ArrayRange(1, 9, 2)", "{}"));
        assertEquals(json("[10, 7, 4]"), eval("States.ArrayRange(10, 2, -3)", "{}"));
        assertEquals(json("[]"), eval("States.ArrayRange(5, 1, 1)", "{}"));
        assertEquals(1000, eval("States.ArrayRange(1, 1000, 1)", "{}").size());
        assertFailure("States.ArrayRange(1, 1001, 1)", "{}", "at most 1000");
        assertFailure("States.ArrayRange(1, 9, 0)", "{}", "step must not be 0");
        assertFailure("States.ArrayRange(1, 9)", "{}", "expected 3 arguments, got 2");
    }

    @Test
    void arrayGetItem_byIndex() {
        assertEquals(json("6"), eval("States.ArrayGetItem($.inputArray, $.index)", "{\"inputArray\": [1, 2, 3, 4, 5, 6, 7, 8, 9], \"index\": 5}"));
        assertFailure("States.ArrayGetItem($.inputArray, 9)", NINE, "out of bounds");
        assertFailure("States.ArrayGetItem($.inputArray, -1)", NINE, "out of bounds");
    }

    @Test
    void arrayLength_countsItems() {
        assertEquals(json("9"), eval("States.ArrayLength($.inputArray)", NINE));
        assertFailure("States.ArrayLength($.o)", "{\"o\": {}}", "must be an array");
    }

    @Test
    void arrayUnique_keepsFirstOccurrences() {
        assertEquals(json("[1, 2, 3, 4]"), eval("States.ArrayUnique($.inputArray)", "{\"inputArray\": [1, 2, 3, 3, 3, 3, 3, 3, 4]}"));
        assertEquals(json("[{\"a\": 1}, \"a\"]"), eval("States.ArrayUnique($.x)", "{\"x\": [{\"a\": 1}, \"a\", {\"a\": 1}]}"));
    }

    @Test
    void nestedCalls_composeAsInDeveloperGuide() {
        String input = "{\"ImageRecipe\": {\"Arn\": \"arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.2.3\"}}";
        assertEquals(json("\"1.2\""), eval("States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
                + "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit("
                + "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))", input));
    }
}
