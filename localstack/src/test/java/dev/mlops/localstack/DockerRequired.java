package dev.mlops.localstack;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Disables a LocalStack test class where no Docker engine answers, with a reason that says what is missing and
 * how to run the tests, printed once to stderr so that it shows in the Maven output and not only in the reports.
 * {@code @Testcontainers(disabledWithoutDocker = true)} on the same classes would skip them too, with a terser
 * reason; this condition is registered first, so its reason is the one reported.
 */
public final class DockerRequired implements ExecutionCondition {

    /** The reason reported for each skipped class. */
    public static final String REASON = "LocalStack integration tests skipped: no Docker engine found "
            + "(Testcontainers looked at DOCKER_HOST, ~/.testcontainers.properties and /var/run/docker.sock). "
            + "Run them where Docker runs: mvn -B -pl localstack -am verify -DskipLambda "
            + "[-Dlocalstack.image=...; LOCALSTACK_AUTH_TOKEN for Pro images]";

    private static final AtomicBoolean PRINTED = new AtomicBoolean();
    private static volatile Boolean available;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (dockerAvailable()) {
            return ConditionEvaluationResult.enabled("Docker is available");
        }
        if (PRINTED.compareAndSet(false, true)) {
            System.err.println("[mlops-localstack-it] " + REASON);
        }
        return ConditionEvaluationResult.disabled(REASON);
    }

    /** Whether Testcontainers finds a Docker engine; asked once per JVM. */
    public static boolean dockerAvailable() {
        Boolean known = available;
        if (known == null) {
            boolean found;
            try {
                found = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                found = false;
            }
            available = known = found;
        }
        return known;
    }
}
