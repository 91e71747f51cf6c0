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
