package dev.mlops.registry;

/** How the challenger takes part in live traffic. */
public enum DeploymentMode {
    /** The challenger answers {@code challengerWeight} percent of requests. */
    CANARY,
    /** Both score every request; the champion's answer is returned, the challenger's only captured. */
    SHADOW
}
