package dev.mlops.pipeline.evaluation;

import java.util.List;

/** The outcome of the evaluation gate: the closed set PASS or FAIL, the latter with its reasons. */
public sealed interface GateVerdict {

    /** {@code PASS} or {@code FAIL}, as the workflow's Choice state reads it. */
    String name();

    /** Why the version failed; empty for a pass. */
    List<String> reasons();

    /** Every check passed. */
    record Pass() implements GateVerdict {
        @Override
        public String name() {
            return "PASS";
        }

        @Override
        public List<String> reasons() {
            return List.of();
        }
    }

    /** At least one check failed. */
    record Fail(List<String> reasons) implements GateVerdict {
        public Fail {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a failed gate needs a reason");
            }
        }

        @Override
        public String name() {
            return "FAIL";
        }
    }
}
