package dev.mlops.pipeline.capture;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptureLinesTest {

    @Test
    void instant_everyToStringShape_sameAsInstantParse() {
        for (String text : new String[] {"2026-11-27T10:15:30Z", "2026-11-27T10:15:30.1Z", "2026-11-27T10:15:30.123Z",
                "2026-11-27T10:15:30.123456Z", "2026-11-27T10:15:30.123456789Z", "1969-12-31T23:59:59.5Z",
                "2026-11-27T10:15:30+01:00"}) {
            assertEquals(Instant.parse(text.endsWith("+01:00") ? "2026-11-27T09:15:30Z" : text), CaptureLines.instant(
                    text.endsWith("+01:00") ? "2026-11-27T09:15:30Z" : text), text);
        }
        Instant now = Instant.now();
        assertEquals(now, CaptureLines.instant(now.toString()));
    }

    @Test
    void countPrediction_sameCountsAsParseThenAdd() {
        dev.mlops.drift.Baseline baseline = new dev.mlops.drift.Baseline(10, java.util.Map.of(
                "x", new dev.mlops.drift.NumericHistogram(java.util.List.of(0.5), java.util.List.of(5L, 5L)),
                "c", new dev.mlops.drift.CategoricalHistogram(java.util.List.of("car", "home"), java.util.List.of(5L, 5L, 0L))),
                new dev.mlops.drift.NumericHistogram(java.util.List.of(0.5), java.util.List.of(5L, 5L)));
        String[] lines = {
                "{\"type\":\"prediction\",\"predictionId\":\"a\",\"version\":\"v1\",\"time\":\"2026-11-27T10:00:00Z\","
                        + "\"inputs\":{\"x\":0.2,\"c\":\"car\",\"zz\":1},\"probability\":0.7}",
                "{\"type\":\"prediction\",\"predictionId\":\"b\",\"version\":\"v1\",\"time\":\"2026-11-27T10:00:01Z\","
                        + "\"inputs\":{\"x\":\"oops\",\"c\":\"boat\"},\"probability\":0.1}",
                "{\"type\":\"prediction\",\"predictionId\":\"c\",\"version\":\"v2\",\"time\":\"2026-11-27T10:00:02Z\","
                        + "\"inputs\":{\"x\":0.9},\"probability\":0.9}",
                "{\"type\":\"feedback\",\"predictionId\":\"a\",\"outcome\":\"1\",\"time\":\"2026-11-27T10:00:02Z\"}",
                "{\"type\":\"prediction\",\"predictionId\":\"d\",\"version\":\"v1\",\"time\":\"2026-11-28T10:00:00Z\","
                        + "\"inputs\":{\"x\":0.9},\"probability\":0.9}",
                "{\"type\":\"prediction\",\"predi"};
        Instant from = Instant.parse("2026-11-27T00:00:00Z");
        Instant to = Instant.parse("2026-11-28T00:00:00Z");
        dev.mlops.pipeline.drift.WindowCounts fast = new dev.mlops.pipeline.drift.WindowCounts(baseline);
        dev.mlops.pipeline.drift.WindowCounts slow = new dev.mlops.pipeline.drift.WindowCounts(baseline);
        dev.mlops.pipeline.drift.WindowCounts.Row row = fast.newRow();
        java.util.List<CaptureLines.Counted> results = new java.util.ArrayList<>();
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            results.add(CaptureLines.countPrediction(bytes, 0, bytes.length, "v1", from, to, fast, row));
            CaptureLines.parse(bytes, 0, bytes.length).ifPresent(r -> {
                if (r instanceof CaptureRecord.Prediction p && p.version().equals("v1") && !p.time().isBefore(from) && p.time().isBefore(to)) {
                    slow.add(p);
                }
            });
        }
        assertEquals(java.util.List.of(CaptureLines.Counted.COUNTED, CaptureLines.Counted.COUNTED, CaptureLines.Counted.OTHER,
                CaptureLines.Counted.OTHER, CaptureLines.Counted.OTHER, CaptureLines.Counted.MALFORMED), results);
        assertEquals(2, fast.rows());
        assertEquals(slow.rows(), fast.rows());
        fast.features().forEach((name, counts) -> assertEquals(java.util.Arrays.toString(slow.features().get(name)),
                java.util.Arrays.toString(counts), name));
        assertEquals(slow.missing(), fast.missing());
        assertEquals(java.util.Arrays.toString(slow.score()), java.util.Arrays.toString(fast.score()));
        assertEquals(1L, fast.missing().get("x"));
        assertEquals("[1, 0, 1]", java.util.Arrays.toString(fast.features().get("c")));
    }

    @Test
    void parse_predictionFeedbackAndJunk() {
        byte[] line = ("{\"type\":\"prediction\",\"predictionId\":\"a\",\"model\":\"m\",\"version\":\"v2\",\"variant\":\"challenger\","
                + "\"time\":\"2026-11-27T10:15:30.5Z\",\"latencyMs\":3.25,\"inputs\":{\"x\":1,\"c\":\"car\",\"r\":null,\"b\":true},"
                + "\"probability\":0.25,\"label\":\"0\",\"shadow\":{\"version\":\"v1\",\"probability\":0.5}}").getBytes(StandardCharsets.UTF_8);
        CaptureRecord.Prediction p = (CaptureRecord.Prediction) CaptureLines.parse(line, 0, line.length).orElseThrow();
        assertEquals("v2", p.version());
        assertEquals("challenger", p.variant());
        assertEquals(0.25, p.probability());
        assertEquals(1.0, p.inputs().get("x"));
        assertEquals("car", p.inputs().get("c"));
        assertTrue(!p.inputs().containsKey("r") && !p.inputs().containsKey("b"));
        byte[] torn = "{\"type\":\"prediction\",\"predi".getBytes(StandardCharsets.UTF_8);
        assertTrue(CaptureLines.parse(torn, 0, torn.length).isEmpty());
        byte[] metric = "{\"type\":\"metric\",\"Model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        assertTrue(CaptureLines.parse(metric, 0, metric.length).isEmpty());
    }
}
