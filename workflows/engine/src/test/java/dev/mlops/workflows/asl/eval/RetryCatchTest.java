package dev.mlops.workflows.asl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.workflows.asl.AslError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mlops.workflows.asl.Asl.json;
import static dev.mlops.workflows.asl.Asl.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retry and Catch (States Language, "Retrying after an error" and "Fallback states"), in their documented order. */
class RetryCatchTest {

    private static final String LAMBDA = "arn:aws:states:::lambda:invoke";

    /** A handler failing with {@code error} the first {@code failures} calls, then answering "ok". */
    private static StubTaskResolver failing(String error, int failures, AtomicInteger calls) {
        return new StubTaskResolver().on(LAMBDA, request -> {
            if (calls.incrementAndGet() <= failures) {
                throw new AslError(error, "attempt " + calls.get());
            }
            return json("\"ok\"");
        });
    }

    private static String task(String retryAndCatch) {
        return "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", " + retryAndCatch
                + ", \"Next\": \"Done\"}, \"Done\": {\"Type\": \"Succeed\"}"
                + (retryAndCatch.contains("\"Handled\"") ? ", \"Handled\": {\"Type\": \"Pass\", \"End\": true}" : "")
                + (retryAndCatch.contains("\"Other\"") ? ", \"Other\": {\"Type\": \"Fail\", \"Error\": \"Other\"}" : "") + "}}";
    }

    private static String catchers(String retry) {
        return retry + ", \"Catch\": [{\"ErrorEquals\": [\"Custom\"], \"Next\": \"Other\"}, {\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": \"$.error\", \"Next\": \"Handled\"}]";
    }

    @Test
    void retry_defaults_threeAttemptsAtOneTwoFourSeconds() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult r = run(task("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}]"), "{}", failing("E", 3, calls));
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status());
        assertEquals(4, calls.get());
        assertEquals(Duration.ofSeconds(1 + 2 + 4), Duration.between(r.startDate(), r.stopDate()));
    }

    @Test
    void retry_intervalBackoffAndMaxDelay() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult r = run(task("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"IntervalSeconds\": 3, \"BackoffRate\": 10, \"MaxAttempts\": 3, \"MaxDelaySeconds\": 20}]"),
                "{}", failing("E", 3, calls));
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status());
        assertEquals(Duration.ofSeconds(3 + 20 + 20), Duration.between(r.startDate(), r.stopDate()));
    }

    @Test
    void retry_fullJitter_staysWithinTheIntervals_andFollowsTheSeed() {
        String def = task("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"IntervalSeconds\": 10, \"MaxAttempts\": 2, \"JitterStrategy\": \"FULL\"}]");
        ExecutionResult a = run(def, "{}", failing("E", 2, new AtomicInteger()));
        ExecutionResult b = run(def, "{}", failing("E", 2, new AtomicInteger()));
        Duration took = Duration.between(a.startDate(), a.stopDate());
        assertEquals(took, Duration.between(b.startDate(), b.stopDate()), "same seed, same jitter");
        assertTrue(!took.isNegative() && took.compareTo(Duration.ofSeconds(10 + 20)) < 0,
                "FULL jitter draws each interval from [0, 10] and [0, 20]: " + took);
    }

    @Test
    void retry_exhausted_thenCatch() {
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult r = run(task(catchers("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"MaxAttempts\": 2}]")), "{\"in\": 1}", failing("E", 10, calls));
        assertEquals(3, calls.get());
        assertEquals(json("{\"in\": 1, \"error\": {\"Error\": \"E\", \"Cause\": \"attempt 3\"}}"), r.output());
    }

    @Test
    void retry_maxAttemptsZero_neverRetries() {
        AtomicInteger calls = new AtomicInteger();
        run(task(catchers("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"MaxAttempts\": 0}]")), "{}", failing("E", 10, calls));
        assertEquals(1, calls.get());
    }

    @Test
    void retry_onlyTheFirstMatchingRetrierCounts() {
        // Once a matching retrier is exhausted, later retriers (even States.ALL) are not consulted.
        AtomicInteger calls = new AtomicInteger();
        ExecutionResult r = run(task("\"Retry\": [{\"ErrorEquals\": [\"E\"], \"MaxAttempts\": 1}, {\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 5}]"),
                "{}", failing("E", 10, calls));
        assertEquals(2, calls.get());
        assertEquals("E", r.error());
    }

    @Test
    void retriers_countSeparatelyPerError() {
        List<String> errors = new ArrayList<>(List.of("A", "B", "A", "B"));
        StubTaskResolver resolver = new StubTaskResolver().on(LAMBDA, request -> {
            if (!errors.isEmpty()) {
                throw new AslError(errors.remove(0), "");
            }
            return json("\"ok\"");
        });
        ExecutionResult r = run(task("\"Retry\": [{\"ErrorEquals\": [\"A\"], \"MaxAttempts\": 2}, {\"ErrorEquals\": [\"B\"], \"MaxAttempts\": 2}]"), "{}", resolver);
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status());
    }

    @Test
    void catch_firstMatchingCatcherWins() {
        ExecutionResult r = run(task(catchers("\"Retry\": []")), "{}", failing("Custom", 10, new AtomicInteger()));
        assertEquals("Other", r.error());
    }

    @Test
    void catch_defaultResultPathReplacesInput_nullKeepsInput() {
        String def = task("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Handled\"}]");
        assertEquals(json("{\"Error\": \"E\", \"Cause\": \"attempt 1\"}"), run(def, "{\"in\": 1}", failing("E", 1, new AtomicInteger())).output());
        String keep = task("\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": null, \"Next\": \"Handled\"}]");
        assertEquals(json("{\"in\": 1}"), run(keep, "{\"in\": 1}", failing("E", 1, new AtomicInteger())).output());
    }

    @Test
    void retryCount_isInTheContextObject() {
        AtomicInteger calls = new AtomicInteger();
        List<JsonNode> seen = new ArrayList<>();
        StubTaskResolver resolver = new StubTaskResolver().on(LAMBDA, request -> {
            seen.add(request.input().get("retry"));
            if (calls.incrementAndGet() <= 2) {
                throw new AslError("E", "");
            }
            return json("1");
        });
        String def = "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"" + LAMBDA + "\", \"Parameters\": {\"retry.$\": \"$$.State.RetryCount\"},"
                + " \"Retry\": [{\"ErrorEquals\": [\"E\"]}], \"End\": true}}}";
        run(def, "{}", resolver);
        assertEquals(List.of(json("0"), json("1"), json("2")), seen);
    }

    @Test
    void retryAndCatch_onParallelAndMap() {
        String def = "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"Error\": \"X\"}}},"
                + " \"Retry\": [{\"ErrorEquals\": [\"X\"], \"MaxAttempts\": 2}], \"Catch\": [{\"ErrorEquals\": [\"X\"], \"ResultPath\": \"$.e\", \"Next\": \"P\"}], \"End\": true},"
                + " \"P\": {\"Type\": \"Pass\", \"End\": true}}}";
        ExecutionResult r = run(def, "[1]");
        assertEquals(ExecutionResult.Status.FAILED, r.status(), "a Map's input [1] cannot take ResultPath $.e: States.Runtime");
        ExecutionResult ok = run(def.replace("\"Map\",", "\"Map\", \"ItemsPath\": \"$.xs\","), "{\"xs\": [1]}");
        assertEquals(json("{\"xs\": [1], \"e\": {\"Error\": \"X\", \"Cause\": null}}"), ok.output());
        assertEquals(3, ok.history().stream().filter(e -> e.type().equals("MapStateStarted")).count(), "one run and two retries");
    }
}
