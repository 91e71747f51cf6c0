package dev.mlops.local.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./mlops demo} end to end: every outcome of the story holds (the demo checks each and throws otherwise). */
class DemoTest {

    @TempDir
    Path home;

    @Test
    void demo_wholeStory_promotedPromotedRolledBackDriftRetraining() {
        StringWriter out = new StringWriter();
        Demo demo = new Demo(new Demo.Options(home.resolve("demo"), Path.of("..", "models").toAbsolutePath().normalize(),
                Path.of("..", "workflows").toAbsolutePath().normalize(), 0, "test", 20_000),
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        try {
            demo.run();
        } catch (DemoFailure e) {
            throw new AssertionError(e.getMessage() + "\n" + out, e);
        } finally {
            demo.close();
        }
        String timeline = out.toString();
        assertTrue(timeline.contains("v2 PROMOTED"), timeline);
        assertTrue(timeline.contains("v3 ROLLED_BACK"), timeline);
        assertTrue(timeline.contains("drift-check: DRIFT"), timeline);
        assertTrue(timeline.contains("retraining started: retrain-credit-risk-"), timeline);
        assertTrue(timeline.contains("KPIs from feedback (reports/kpi/credit-risk/"), timeline);
        assertTrue(timeline.contains("v1 accuracy ") && timeline.contains("business value"), timeline);
    }
}
