package dev.mlops.local.workflows;

import java.util.Objects;

/**
 * One {@code ${Name}} of {@code workflows/placeholders.json}.
 *
 * @param name        the placeholder's name, without {@code ${}}
 * @param kind        what AWS resource it stands for
 * @param description what it is for, for people and CDK
 * @param local       the value the local runtime substitutes
 */
public record Placeholder(String name, Kind kind, String description, String local) {

    public Placeholder {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(local, "local");
        if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("a placeholder name is letters and digits, got '" + name + "'");
        }
    }

    /** The kinds of resources a placeholder stands for, as {@code kind} spells them in placeholders.json. */
    public enum Kind {
        /** A Lambda function ARN (alias); locally a function name. */
        LAMBDA("lambda"),
        /** A Batch job queue ARN. */
        BATCH_QUEUE("batch-queue"),
        /** The prefix of per-model Batch job definitions. */
        BATCH_JOB_DEFINITION_PREFIX("batch-job-definition-prefix"),
        /** An SNS topic ARN. */
        SNS_TOPIC("sns-topic"),
        /** A state machine ARN. */
        STATE_MACHINE("state-machine"),
        /** An S3 bucket name; locally the artifact store. */
        BUCKET("bucket");

        private final String spelling;

        Kind(String spelling) {
            this.spelling = spelling;
        }

        /** The kind spelled {@code text}. */
        public static Kind of(String text) {
            for (Kind k : values()) {
                if (k.spelling.equals(text)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown placeholder kind '" + text + "'; known: lambda, batch-queue,"
                    + " batch-job-definition-prefix, sns-topic, state-machine, bucket");
        }

        /** How placeholders.json spells it. */
        public String spelling() {
            return spelling;
        }
    }

    /** How the placeholder appears in a definition. */
    public String token() {
        return "${" + name + "}";
    }
}
