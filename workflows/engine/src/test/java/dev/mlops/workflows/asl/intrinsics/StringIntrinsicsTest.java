package dev.mlops.workflows.asl.intrinsics;

import dev.mlops.workflows.asl.StatesErrors;
import dev.mlops.workflows.asl.eval.ExecutionResult;
import org.junit.jupiter.api.Test;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static dev.mlops.workflows.asl.Asl.single;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.assertFailure;
import static dev.mlops.workflows.asl.intrinsics.IntrinsicRunner.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** States.Format and States.StringSplit (developer guide examples). */
class StringIntrinsicsTest {

    @Test
    void format_fillsPlaceholdersInOrder() {
        assertEquals(json("\"Hello, my name is Arnav.\""), eval("States.Format('Hello, my name is {}.', $.name)", "{\"name\": \"Arnav\"}"));
        assertEquals(json("\"1 true null 2.5\""), eval("States.Format('{} {} {} {}', 1, true, null, $.x)", "{\"x\": 2.5}"));
    }

    @Test
    void format_escapedBracesAndQuotes_areLiterals() {
        assertEquals(json("\"{} is 'x'\""), eval("States.Format('\\{\\} is \\'{}\\'', 'x')", "{}"));
    }

    @Test
    void format_argumentCountMustMatch() {
        assertFailure("States.Format('{} {}', 1)", "{}", "more {} placeholders");
        assertFailure("States.Format('{}', 1, 2)", "{}", "1 {} placeholders but 2 arguments");
    }

    @Test
    void format_rejectsObjectsAndArrays() {
        assertFailure("States.Format('{}', $.o)", "{\"o\": {\"a\": 1}}", "must be a string, number, boolean or null");
    }

    @Test
    void stringSplit_everyCharacterIsADelimiter() {
        assertEquals(json("[\"1\", \"2\", \"3\", \"4\", \"5\"]"), eval("States.StringSplit($.inputString, $.splitter)",
                "{\"inputString\": \"1,2,3,4,5\", \"splitter\": \",\"}"));
        assertEquals(json("[\"This\", \"is\", \"a\", \"test\", \"string\"]"), eval("States.StringSplit($.inputString, $.splitter)",
                "{\"inputString\": \"This.is+a,test=string\", \"splitter\": \".+,=\"}"));
        assertFailure("States.StringSplit(1, ',')", "{}", "must be a string");
    }

    @Test
    void pathArgument_missing_isRuntimeNotIntrinsicFailure() {
        ExecutionResult r = run(single("Pass", "\"Parameters\": {\"r.$\": \"States.Format('{}', $.nope)\"}"), "{}");
        assertEquals(StatesErrors.RUNTIME, r.error());
    }
}
