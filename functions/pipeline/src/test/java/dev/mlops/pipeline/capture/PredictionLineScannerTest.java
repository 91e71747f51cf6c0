package dev.mlops.pipeline.capture;

import dev.mlops.drift.Baseline;
import dev.mlops.drift.CategoricalHistogram;
import dev.mlops.drift.NumericHistogram;
import dev.mlops.pipeline.drift.WindowCounts;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The fast scanner against the Jackson reader it stands in for: same verdict per line, same counts. */
class PredictionLineScannerTest {

    private static final Instant FROM = Instant.parse("2026-11-27T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-28T00:00:00Z");

    private static void assertSameAsJackson(Baseline baseline, List<String> lines) {
        WindowCounts fast = new WindowCounts(baseline);
        WindowCounts reference = new WindowCounts(baseline);
        PredictionLineScanner scanner = new PredictionLineScanner("v1", FROM, TO, fast);
        WindowCounts.Row row = reference.newRow();
        for (String line : lines) {
            byte[] bytes = ("  " + line + "\n").getBytes(StandardCharsets.UTF_8);
            assertEquals(CaptureLines.countPrediction(bytes, 2, bytes.length - 3, "v1", FROM, TO, reference, row),
                    scanner.count(bytes, 2, bytes.length - 3), line);
        }
        assertEquals(reference.rows(), fast.rows());
        assertEquals(reference.missing(), fast.missing());
        assertArrayEquals(reference.score(), fast.score());
        reference.features().forEach((name, counts) -> assertArrayEquals(counts, fast.features().get(name), name));
    }

    private static Baseline baseline(List<Double> edges) {
        List<Long> counts = Collections.nCopies(edges.size() + 1, 1L);
        return new Baseline(10, Map.of("x", new NumericHistogram(edges, counts),
                "c", new CategoricalHistogram(List.of("car", "home"), List.of(5L, 5L, 0L))),
                new NumericHistogram(edges, counts));
    }

    private static String prediction(String version, String time, String inputs, String probability) {
        return "{\"type\":\"prediction\",\"predictionId\":\"p\",\"model\":\"m\",\"version\":\"" + version + "\",\"variant\":"
                + "\"champion\",\"time\":\"" + time + "\",\"latencyMs\":2.5,\"inputs\":" + inputs + ",\"probability\":"
                + probability + ",\"label\":\"0\"}";
    }

    @Test
    void oddLines_count_sameVerdictsAndCountsAsJackson() {
        String t = "2026-11-27T10:00:00.123Z";
        assertSameAsJackson(baseline(List.of(0.25, 0.5)), List.of(
                prediction("v1", t, "{\"x\":0.2,\"c\":\"car\",\"zz\":[1,{\"a\":null}]}", "0.7"),
                prediction("v1", t, "{\"c\":\"boat\",\"x\":\"oops\"}", "1.0E-5"),
                prediction("v1", t, "{\"x\":null,\"c\":true}", "0.5"),
                prediction("v1", t, "{\"x\":-0.0,\"c\":\"h\\u00f6me\"}", "0.5"),
                prediction("v1", t, "{\"x\":1e2,\"c\":\"home\"}", "2.5E+1"),
                prediction("v1", t, "{\"x\":0.25}", "\"0.5\""),
                prediction("v1", t, "{\"x\":0.25}", "null"),
                prediction("v1", t, "{}", "0.1"),
                prediction("v1", t, "null", "0.1"),
                prediction("v1", t, "{\"x\":01}", "0.1"),
                prediction("v1", t, "{\"x\":1.}", "0.1"),
                prediction("v2", t, "{\"x\":0.3}", "0.1"),
                prediction("v1", "2026-11-28T00:00:00Z", "{\"x\":0.3}", "0.1"),
                prediction("v1", "2026-11-27T00:00:00Z", "{\"x\":0.3}", "0.1"),
                prediction("v1", "2026-11-26T23:59:59.999999999Z", "{\"x\":0.3}", "0.1"),
                prediction("v1", "2026-11-27T10:00:00+01:00", "{\"x\":0.3}", "0.1"),
                prediction("v1", "2026-02-30T10:00:00Z", "{\"x\":0.3}", "0.1"),
                prediction("v1", "yesterday", "{\"x\":0.3}", "0.1"),
                prediction("v\\u0031", t, "{\"x\":0.3}", "0.1"),
                "{\"type\":\"prediction\",\"version\":\"v1\",\"inputs\":{\"x\":0.3},\"probability\":0.1}",
                "{\"type\":\"feedback\",\"predictionId\":\"p\",\"outcome\":\"1\",\"time\":\"" + t + "\"}",
                "{\"predictionId\":\"p\"}",
                "{\"type\":\"metric\",\"_aws\":{\"CloudWatchMetrics\":[{\"Metrics\":[]}]},\"Latency\":3.0}",
                prediction("v1", t, "{\"x\":0.3}", "0.1").substring(0, 80),
                prediction("v1", t, "{\"x\":0.3}", "0.1") + "}",
                "[1,2]", "", "{", "{\"type\" \"prediction\"}", " { \"type\" : \"prediction\" , \"version\" : \"v1\" , \"time\" : \""
                        + t + "\" , \"inputs\" : { \"x\" : 0.3 } , \"probability\" : 0.1 } "));
    }

    @Test
    void randomNumbers_count_landInTheSameBinsAsJackson() {
        // Edges at the very values written: a parse one ulp off moves the value into the next bin.
        Random random = new Random(7);
        TreeSet<Double> values = new TreeSet<>();
        while (values.size() < 2000) {
            double v = switch (values.size() % 4) {
                case 0 -> random.nextGaussian();
                case 1 -> Math.round(random.nextDouble() * 1e6) / 1e3;
                case 2 -> (float) random.nextDouble();
                default -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            };
            values.add(v);
        }
        List<Double> edges = new ArrayList<>(values);
        List<String> lines = new ArrayList<>();
        for (double v : edges) {
            String text = Double.toString(v);
            lines.add(prediction("v1", "2026-11-27T10:00:00Z", "{\"x\":" + text + "}", Float.toString((float) Math.abs(v))));
            lines.add(prediction("v1", "2026-11-27T10:00:00Z", "{\"x\":" + Math.nextUp(v) + "}", "0.5"));
        }
        assertSameAsJackson(baseline(edges), lines);
    }

    @Test
    void writerFormat_scan_fastPathReadsIt() {
        WindowCounts counts = new WindowCounts(baseline(List.of(0.5)));
        PredictionLineScanner scanner = new PredictionLineScanner("v1", FROM, TO, counts);
        byte[] line = prediction("v1", "2026-11-27T10:00:00.5Z", "{\"x\":0.412,\"c\":\"car\",\"other\":12}", "0.23456789")
                .getBytes(StandardCharsets.UTF_8);
        assertNotNull(scanner.scan(line, 0, line.length));
        assertEquals(1, counts.rows());
        assertEquals(Arrays.asList(0L, 0L), Arrays.asList(counts.missing().values().toArray()));
    }
}
