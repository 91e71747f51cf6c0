package dev.mlops.workflows.asl.eval;

/**
 * A Task state's Resource, read as Step Functions reads it: an optimised or SDK integration
 * ({@code arn:aws:states:::service:action}, optionally suffixed {@code .sync}, {@code .sync:2} or
 * {@code .waitForTaskToken}), or a direct ARN (a Lambda function, an activity).
 *
 * @param arn          the Resource as written
 * @param resourceType what history events report as resourceType, for example {@code lambda}
 * @param name         what history events report as resource, for example {@code invoke}, or the whole ARN
 * @param pattern      the integration pattern
 */
public record Resource(String arn, String resourceType, String name, Pattern pattern) {

    private static final String INTEGRATION_PREFIX = "arn:aws:states:::";

    /** Service integration patterns (developer guide, "Discover service integration patterns"). */
    public enum Pattern {
        /** Call and continue as soon as the service answers. */
        REQUEST_RESPONSE,
        /** {@code .sync}: run a job and wait for it to finish. */
        RUN_JOB,
        /** {@code .waitForTaskToken}: call with a token and park until SendTaskSuccess or SendTaskFailure. */
        WAIT_FOR_TASK_TOKEN
    }

    /** Reads a Resource. */
    public static Resource parse(String arn) {
        if (arn.startsWith(INTEGRATION_PREFIX)) {
            String rest = arn.substring(INTEGRATION_PREFIX.length());
            Pattern pattern = Pattern.REQUEST_RESPONSE;
            if (rest.endsWith(".waitForTaskToken")) {
                pattern = Pattern.WAIT_FOR_TASK_TOKEN;
                rest = rest.substring(0, rest.length() - ".waitForTaskToken".length());
            } else if (rest.matches(".*\\.sync(:\\d+)?")) {
                pattern = Pattern.RUN_JOB;
                rest = rest.substring(0, rest.lastIndexOf(".sync"));
            }
            int colon = rest.indexOf(':');
            return colon < 0 ? new Resource(arn, rest, rest, pattern)
                    : new Resource(arn, rest.substring(0, colon), rest.substring(colon + 1), pattern);
        }
        String[] parts = arn.split(":", 7);
        String type = parts.length > 5 && parts[2].equals("states") && parts[5].equals("activity") ? "activity"
                : parts.length > 2 ? parts[2] : arn;
        return new Resource(arn, type, arn, Pattern.REQUEST_RESPONSE);
    }

    /** Whether the execution parks until a task token comes back. */
    public boolean isCallback() {
        return pattern == Pattern.WAIT_FOR_TASK_TOKEN;
    }
}
