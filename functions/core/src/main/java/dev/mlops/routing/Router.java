package dev.mlops.routing;

import dev.mlops.registry.Deployment;
import dev.mlops.registry.DeploymentMode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.random.RandomGenerator;

/**
 * Application-level traffic split from a {@link Deployment}, the same in AWS and locally (Lambda alias weights
 * route randomly and HTTP APIs have no canary stages).
 *
 * <p>A request with a key goes to the challenger when {@code bucket(key, challenger) < weight}, where the bucket is
 * a hash of key and challenger version in 0..9999: a client stays on one version for a whole canary, but a new
 * challenger version reshuffles who gets it, so the same clients are not always first. No key: random.
 */
public final class Router {

    /** Buckets per 100 percent: weights are whole percent, so 100 buckets per percent. */
    static final int BUCKETS = 10_000;

    private Router() {
    }

    /**
     * The route of one request.
     *
     * @param key    the client's routing key, or {@code null} for a random draw
     * @param random used only when {@code key} is null
     * @throws IllegalStateException when the deployment has no champion (nothing is live)
     */
    public static Route route(Deployment deployment, String key, RandomGenerator random) {
        String challenger = deployment.challenger();
        if (deployment.champion() == null) {
            if (challenger == null) {
                throw new IllegalStateException("no live version: the deployment has neither a champion nor a challenger");
            }
            // A model's first release: its canary has no champion to compare with or fall back on (the pipeline
            // deploys it at weight 100), so the challenger answers everything, recorded as the challenger.
            return new Route(challenger, Variant.CHALLENGER, null);
        }
        if (challenger == null) {
            return new Route(deployment.champion(), Variant.CHAMPION, null);
        }
        if (deployment.mode() == DeploymentMode.SHADOW) {
            return new Route(deployment.champion(), Variant.CHAMPION, challenger);
        }
        int bucket = key == null ? random.nextInt(BUCKETS) : bucket(key, challenger);
        return bucket < deployment.challengerWeight() * (BUCKETS / 100)
                ? new Route(challenger, Variant.CHALLENGER, null)
                : new Route(deployment.champion(), Variant.CHAMPION, null);
    }

    /** The key's bucket for this challenger, uniform in 0..9999. */
    static int bucket(String key, String challengerVersion) {
        byte[] digest = sha256(key + "\n" + challengerVersion);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(value, BUCKETS);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
