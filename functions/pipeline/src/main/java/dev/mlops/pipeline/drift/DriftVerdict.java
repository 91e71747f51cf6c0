package dev.mlops.pipeline.drift;

import java.util.List;

/** The outcome of a drift check: the closed set the drift-check workflow's Choice state switches on. */
public sealed interface DriftVerdict {

    /** OK, WARN, DRIFT or INSUFFICIENT_DATA. */
    String name();

    /** Why. */
    List<String> reasons();

    /** No variable beyond its thresholds. */
    record Ok(List<String> reasons) implements DriftVerdict {
        @Override
        public String name() {
            return "OK";
        }
    }

    /** Beyond the thresholds, but in fewer consecutive windows than the policy's persistence. */
    record Warn(List<String> reasons) implements DriftVerdict {
        @Override
        public String name() {
            return "WARN";
        }
    }

    /** Beyond the thresholds in {@code persistence} consecutive windows: retraining is warranted. */
    record Drift(List<String> reasons) implements DriftVerdict {
        @Override
        public String name() {
            return "DRIFT";
        }
    }

    /** Fewer rows than {@code minRows}, or nothing serving: no verdict on the data (never DRIFT). */
    record InsufficientData(List<String> reasons) implements DriftVerdict {
        @Override
        public String name() {
            return "INSUFFICIENT_DATA";
        }
    }
}
