package dev.mlops.pipeline.canary;

import java.util.List;

/** The decision after a bake: the closed set the workflow's CanaryDecision state switches on. */
public sealed interface CanaryVerdict {

    /** NEXT_STEP, EXTEND, PROMOTE or ROLLBACK. */
    String name();

    /** Why, in words an on-call engineer reads at 3 a.m. */
    List<String> reasons();

    /** The step passed and a larger one follows. */
    record NextStep(List<String> reasons) implements CanaryVerdict {
        public NextStep {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String name() {
            return "NEXT_STEP";
        }
    }

    /** Not enough traffic to judge yet: bake again. */
    record Extend(List<String> reasons) implements CanaryVerdict {
        public Extend {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String name() {
            return "EXTEND";
        }
    }

    /** The last step passed. */
    record Promote(List<String> reasons) implements CanaryVerdict {
        public Promote {
            reasons = List.copyOf(reasons);
        }

        @Override
        public String name() {
            return "PROMOTE";
        }
    }

    /** The challenger is worse, or could not be judged within the allowed extensions. */
    record Rollback(List<String> reasons) implements CanaryVerdict {
        public Rollback {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a rollback needs a reason");
            }
        }

        @Override
        public String name() {
            return "ROLLBACK";
        }
    }
}
