package dev.mlops.inference.api;

import dev.mlops.inference.PredictionService;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the inference function ({@code mlops.inference.*}; environment variables such as
 * {@code MLOPS_INFERENCE_DEPLOYMENT_TTL} map onto them).
 */
@ConfigurationProperties("mlops.inference")
public class InferenceConfiguration {

    private String home = ".mlops";
    private String store = "";
    private Duration deploymentTtl = Duration.ofSeconds(5);
    private long payloadLimit = PredictionService.LAMBDA_PAYLOAD_LIMIT;
    private int captureQueue = 10_000;
    private String groupsClaim = dev.mlops.roles.JwtGroups.DEFAULT_GROUPS_CLAIM;
    private boolean primeOnStart = true;

    /** Local state folder (MLOPS_HOME): tokens and, by default, the store. */
    public String getHome() {
        return home;
    }

    public void setHome(String home) {
        this.home = home;
    }

    /** Artifact store location ({@code s3://bucket/prefix} or a folder); empty means {@code <home>/store}. */
    public String getStore() {
        return store;
    }

    public void setStore(String store) {
        this.store = store;
    }

    /** How long a deployment document is trusted before it is read again. */
    public Duration getDeploymentTtl() {
        return deploymentTtl;
    }

    public void setDeploymentTtl(Duration deploymentTtl) {
        this.deploymentTtl = deploymentTtl;
    }

    /** Largest request, and largest estimated response, in bytes (Lambda: 6 MB). */
    public long getPayloadLimit() {
        return payloadLimit;
    }

    public void setPayloadLimit(long payloadLimit) {
        this.payloadLimit = payloadLimit;
    }

    /** Capture and metric lines that may wait for the local writer before lines are dropped (and counted). */
    public int getCaptureQueue() {
        return captureQueue;
    }

    public void setCaptureQueue(int captureQueue) {
        this.captureQueue = captureQueue;
    }

    /** The JWT claim holding the caller's groups (AWS only). */
    public String getGroupsClaim() {
        return groupsClaim;
    }

    public void setGroupsClaim(String groupsClaim) {
        this.groupsClaim = groupsClaim;
    }

    /** Load and run every live model once at start, so a SnapStart snapshot holds warm sessions. */
    public boolean isPrimeOnStart() {
        return primeOnStart;
    }

    public void setPrimeOnStart(boolean primeOnStart) {
        this.primeOnStart = primeOnStart;
    }

    /** The store location with the default applied. */
    public String resolvedStore() {
        return store == null || store.isBlank() ? java.nio.file.Path.of(home, "store").toString() : store;
    }
}
