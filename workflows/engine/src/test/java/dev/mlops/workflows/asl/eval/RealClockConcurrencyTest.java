package dev.mlops.workflows.asl.eval;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On the real clock, Parallel branches and Map iterations run concurrently, Map at most MaxConcurrency at a time. */
class RealClockConcurrencyTest {

    private final Engine engine = new Engine(TaskResolver.none(), new RealClock(Clock.systemUTC()), new Random(1));

    private static final String WAIT_ONE = "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 1, \"End\": true}}}";

    private Duration time(String definition, String input, String expectedOutput) {
        long start = System.nanoTime();
        ExecutionResult r = engine.run(parse(definition), json(input));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), () -> r.error() + ": " + r.cause());
        assertEquals(json(expectedOutput), r.output());
        return took;
    }

    @Test
    void parallelBranches_waitAtTheSameTime() {
        String def = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"End\": true, \"Branches\": [" + WAIT_ONE + ", " + WAIT_ONE + ", " + WAIT_ONE + "]}}}";
        Duration took = time(def, "{\"a\": 1}", "[{\"a\": 1}, {\"a\": 1}, {\"a\": 1}]");
        assertTrue(took.toMillis() >= 990 && took.toMillis() < 1900, "three 1 s waits overlap: " + took);
    }

    @Test
    void mapIterations_respectMaxConcurrency_andKeepOrder() {
        String def = "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"MaxConcurrency\": 2, \"End\": true, \"ItemProcessor\": " + WAIT_ONE + "}}}";
        Duration took = time(def, "[1, 2, 3, 4]", "[1, 2, 3, 4]");
        assertTrue(took.toMillis() >= 1990 && took.toMillis() < 3500, "4 items, 2 at a time, 1 s each: " + took);
    }
}
