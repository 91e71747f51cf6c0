package dev.mlops.inference;

import dev.mlops.registry.Deployment;

/**
 * What answers for one model right now: the deployment as last read and the loaded sessions of its versions.
 *
 * @param champion   the champion's session, or the last good champion when the current one failed to load
 * @param challenger the challenger's session, or {@code null} (none, or it failed to load: then all traffic
 *                   goes to the champion)
 */
public record Serving(String model, Deployment deployment, OnnxModel champion, OnnxModel challenger) {

    /** The deployment that routing should follow, given which sessions are actually loaded. */
    public Deployment effectiveDeployment() {
        Deployment effective = champion.version().equals(deployment.champion()) ? deployment
                : new Deployment(champion.version(), deployment.challenger(), deployment.challengerWeight(), deployment.mode(),
                deployment.revision());
        return challenger == null ? effective.withoutChallenger() : effective;
    }

    /** The session of {@code version}: champion or challenger. */
    public OnnxModel session(String version) {
        if (challenger != null && challenger.version().equals(version)) {
            return challenger;
        }
        return champion;
    }
}
