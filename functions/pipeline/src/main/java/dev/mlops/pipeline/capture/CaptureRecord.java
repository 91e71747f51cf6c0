package dev.mlops.pipeline.capture;

import java.time.Instant;
import java.util.Map;

/** One capture line, as {@code PredictionService} of the inference function writes it: the closed set below. */
public sealed interface CaptureRecord {

    /** The prediction this line is about. */
    String predictionId();

    /** When the line was written. */
    Instant time();

    /**
     * A served prediction ({@code "type": "prediction"}).
     *
     * @param variant     {@code champion} or {@code challenger}
     * @param latencyMs   the request's latency (shared by the instances of one request)
     * @param inputs      the named record as received (redacted fields null)
     * @param probability the positive-class probability
     */
    record Prediction(String predictionId, Instant time, String version, String variant, double latencyMs,
                      Map<String, Object> inputs, double probability, String label) implements CaptureRecord {
    }

    /** Delayed ground truth for an earlier prediction ({@code "type": "feedback"}). */
    record Feedback(String predictionId, Instant time, String outcome) implements CaptureRecord {
    }
}
