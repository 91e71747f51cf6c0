package dev.mlops.registry;

import dev.mlops.packaging.ModelVersions;

/**
 * What is live for one model ({@code registry/{model}/deployment.json}). Written only with compare-and-swap on
 * {@code revision}: every successful change increments it by one.
 *
 * @param champion         version answering by default, or {@code null} before the first promotion
 * @param challenger       version under canary or shadow, or {@code null}
 * @param challengerWeight percent of traffic to the challenger in CANARY mode (0 in SHADOW mode or without one)
 * @param mode             CANARY or SHADOW
 * @param revision         0 for a model never deployed, then +1 per change
 */
public record Deployment(String champion, String challenger, int challengerWeight, DeploymentMode mode, long revision) {

    public Deployment {
        if (champion != null) {
            ModelVersions.checkVersion(champion);
        }
        if (challenger != null) {
            ModelVersions.checkVersion(challenger);
            if (challenger.equals(champion)) {
                throw new IllegalArgumentException("challenger " + challenger + " is also the champion");
            }
        }
        mode = mode == null ? DeploymentMode.CANARY : mode;
        if (challengerWeight < 0 || challengerWeight > 100) {
            throw new IllegalArgumentException("challengerWeight must be 0..100, got " + challengerWeight);
        }
        if (challenger == null && challengerWeight != 0) {
            throw new IllegalArgumentException("challengerWeight " + challengerWeight + " without a challenger");
        }
        if (mode == DeploymentMode.SHADOW && challengerWeight != 0) {
            throw new IllegalArgumentException("SHADOW mode sends no live answers to the challenger: challengerWeight must be 0");
        }
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be zero or more, got " + revision);
        }
    }

    /** The deployment of a model that was never deployed. */
    public static Deployment none() {
        return new Deployment(null, null, 0, DeploymentMode.CANARY, 0);
    }

    /** Whether any version is live. */
    public boolean hasLiveVersion() {
        return champion != null || (challenger != null && challengerWeight == 100);
    }

    /** {@code version} is the champion; no challenger. Same revision (the registry sets the next one). */
    public Deployment withChampion(String version) {
        return new Deployment(version, null, 0, DeploymentMode.CANARY, revision);
    }

    /** {@code version} is the challenger with {@code weight} percent in {@code mode}. */
    public Deployment withChallenger(String version, int weight, DeploymentMode newMode) {
        return new Deployment(champion, version, weight, newMode, revision);
    }

    /** No challenger. */
    public Deployment withoutChallenger() {
        return new Deployment(champion, null, 0, DeploymentMode.CANARY, revision);
    }

    Deployment withRevision(long newRevision) {
        return new Deployment(champion, challenger, challengerWeight, mode, newRevision);
    }
}
