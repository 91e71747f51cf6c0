package dev.mlops.inference.lines;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedFileLineSinkTest {

    @TempDir
    Path root;

    @Test
    void offer_writesLinesUnderTheirKeys() throws Exception {
        try (BoundedFileLineSink sink = new BoundedFileLineSink(root, 100)) {
            assertTrue(sink.offer("capture/m/dt=2026-11-26/a.jsonl", "{\"n\":1}"));
            assertTrue(sink.offer("capture/m/dt=2026-11-26/a.jsonl", "{\"n\":2}"));
            assertTrue(sink.offer("metrics/x.jsonl", "{\"m\":1}"));
            sink.flush();
            assertEquals(List.of("{\"n\":1}", "{\"n\":2}"), Files.readAllLines(root.resolve("capture/m/dt=2026-11-26/a.jsonl")));
            assertEquals(3, sink.written());
            assertEquals(0, sink.dropped());
        }
    }

    @Test
    void offer_fullQueue_dropsAndCountsInsteadOfBlocking() throws Exception {
        // A one-line queue and a burst of offers: the writer cannot keep up, so some offers must be refused.
        try (BoundedFileLineSink sink = new BoundedFileLineSink(root, 1)) {
            int accepted = 0;
            int offered = 20_000;
            for (int i = 0; i < offered; i++) {
                accepted += sink.offer("burst.jsonl", "line " + i) ? 1 : 0;
            }
            sink.flush();
            assertEquals(offered - accepted, sink.dropped());
            assertTrue(sink.dropped() > 0, "a burst into a one-line queue must drop");
            assertEquals(accepted, Files.readAllLines(root.resolve("burst.jsonl")).size());
        }
    }

    @Test
    void offer_afterClose_isDroppedAndCounted() {
        BoundedFileLineSink sink = new BoundedFileLineSink(root, 10);
        sink.close();
        assertFalse(sink.offer("a.jsonl", "late"));
        assertEquals(1, sink.dropped());
    }

    @Test
    void unwritableKey_isCountedAsDropped() throws Exception {
        Files.writeString(root.resolve("blocker"), "");
        try (BoundedFileLineSink sink = new BoundedFileLineSink(root, 10)) {
            assertTrue(sink.offer("blocker/sub/a.jsonl", "x"));
            sink.flush();
            assertEquals(1, sink.dropped());
        }
    }
}
