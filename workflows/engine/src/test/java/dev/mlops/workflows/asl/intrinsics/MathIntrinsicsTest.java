package dev.mlops.workflows.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.assertFailure;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** States.MathRandom and States.MathAdd (developer guide examples). */
class MathIntrinsicsTest {

    @Test
    void mathAdd_addsIntegers() {
        assertEquals(json("110"), eval("States.MathAdd($.value1, $.step)", "{\"value1\": 111, \"step\": -1}"));
        assertEquals(json("4294967294"), eval("States.MathAdd(2147483647, 2147483647)", "{}"));
        assertFailure("States.MathAdd(1.5, 1)", "{}", "must be an integer");
        assertFailure("States.MathAdd(2147483648, 1)", "{}", "between -2147483648 and 2147483647");
        assertFailure("States.MathAdd('1', 1)", "{}", "must be an integer");
    }

    @Test
    void mathRandom_isInRange_startInclusiveEndExclusive() {
        for (int i = 0; i < 20; i++) {
            JsonNode v = eval("States.MathRandom(" + i + ", " + (i + 2) + ")", "{}");
            assertTrue(v.asInt() == i || v.asInt() == i + 1, v.toString());
        }
        JsonNode v = eval("States.MathRandom($.start, $.end)", "{\"start\": 1, \"end\": 999}");
        assertTrue(v.asInt() >= 1 && v.asInt() < 999, v.toString());
    }

    @Test
    void mathRandom_withSeed_isReproducible() {
        assertEquals(eval("States.MathRandom(1, 1000000, 7)", "{}"), eval("States.MathRandom(1, 1000000, 7)", "{}"));
    }

    @Test
    void mathRandom_checksArguments() {
        assertFailure("States.MathRandom(5, 5)", "{}", "must be greater than the start");
        assertFailure("States.MathRandom(1)", "{}", "expected 2 to 3 arguments");
        assertFailure("States.MathRandom(1, 'x')", "{}", "must be an integer");
    }
}
