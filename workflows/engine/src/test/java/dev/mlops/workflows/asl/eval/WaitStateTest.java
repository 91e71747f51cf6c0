package dev.mlops.workflows.asl.eval;

import dev.mlops.workflows.asl.StatesErrors;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.mlops.workflows.asl.Asl.T0;
import static dev.mlops.workflows.asl.Asl.run;
import static dev.mlops.workflows.asl.Asl.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Wait state on a virtual clock: hours pass instantly and the history's timestamps agree. */
class WaitStateTest {

    private static Duration waited(String fields, String input) {
        ExecutionResult r = run(single("Wait", fields), input);
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status(), () -> r.error() + ": " + r.cause());
        return Duration.between(r.startDate(), r.stopDate());
    }

    @Test
    void seconds_advanceVirtualClockInstantly() {
        long started = System.nanoTime();
        assertEquals(Duration.ofHours(5), waited("\"Seconds\": 18000", "{}"));
        assertTrue(System.nanoTime() - started < 2_000_000_000L);
    }

    @Test
    void timestamp_waitsUntilThen_orNotAtAllWhenPast() {
        assertEquals(Duration.ofDays(1), waited("\"Timestamp\": \"2026-01-02T00:00:00Z\"", "{}"));
        assertEquals(Duration.ZERO, waited("\"Timestamp\": \"2016-03-14T01:59:00Z\"", "{}"));
    }

    @Test
    void secondsPath_andTimestampPath_readEffectiveInput() {
        assertEquals(Duration.ofSeconds(90), waited("\"InputPath\": \"$.w\", \"SecondsPath\": \"$.s\"", "{\"w\": {\"s\": 90}}"));
        assertEquals(Duration.ofMinutes(30), waited("\"TimestampPath\": \"$.t\"", "{\"t\": \"2026-01-01T00:30:00Z\"}"));
    }

    @Test
    void badSecondsPathValue_isRuntimeError() {
        assertEquals(StatesErrors.RUNTIME, run(single("Wait", "\"SecondsPath\": \"$.s\""), "{\"s\": -1}").error());
        assertEquals(StatesErrors.RUNTIME, run(single("Wait", "\"SecondsPath\": \"$.s\""), "{\"s\": \"10\"}").error());
        assertEquals(StatesErrors.RUNTIME, run(single("Wait", "\"TimestampPath\": \"$.t\""), "{\"t\": \"soon\"}").error());
        assertEquals(StatesErrors.RUNTIME, run(single("Wait", "\"SecondsPath\": \"$.s\""), "{}").error());
    }

    @Test
    void history_timestampsAdvanceWithTheWait() {
        ExecutionResult r = run(single("Wait", "\"Seconds\": 60"), "{}");
        HistoryEvent entered = r.history().stream().filter(e -> e.type().equals("WaitStateEntered")).findFirst().orElseThrow();
        HistoryEvent exited = r.history().stream().filter(e -> e.type().equals("WaitStateExited")).findFirst().orElseThrow();
        assertEquals(T0, entered.timestamp());
        assertEquals(T0.plusSeconds(60), exited.timestamp());
    }

    @Test
    void realClock_reallySleeps() {
        Engine engine = new Engine(TaskResolver.none(), new RealClock(java.time.Clock.systemUTC()), new java.util.Random(1));
        Instant before = Instant.now();
        ExecutionResult r = engine.run(dev.mlops.workflows.asl.Asl.parse(single("Wait", "\"Seconds\": 1")), dev.mlops.workflows.asl.Asl.json("{}"));
        assertEquals(ExecutionResult.Status.SUCCEEDED, r.status());
        assertTrue(Duration.between(before, Instant.now()).toMillis() >= 990);
    }
}
