package dev.mlops.inference;

import dev.mlops.registry.Deployment;

/**
 * What answers for one model right now: the deployment as last read and the loaded sessions of its versions.
 *
 * @param champion   the champion's session, or the last good champion when the current one failed to load;
 *                   {@code null} during a model's first release, when its challenger serves alone
 * @param challenger the challenger's session, or {@code null} (none, or it failed to load: then all traffic
 *                   goes to the champion)
 */
public record Serving(String model, Deployment deployment, OnnxModel champion, OnnxModel challenger) {

    /** The deployment that routing should follow, given which sessions are actually loaded. */
    public Deployment effectiveDeployment() {
        if (champion == null) {
            return deployment; // a first release: the loaded challenger serves alone
        }
        Deployment effective = champion.version().equals(deployment.champion()) ? deployment
                : new Deployment(champion.version(), deployment.challenger(), deployment.challengerWeight(), deployment.mode(),
                deployment.revision());
        return challenger == null ? effective.withoutChallenger() : effective;
    }

    /** The session that answers by default: the champion, or a first release's challenger while there is none. */
    public OnnxModel primary() {
        return champion != null ? champion : challenger;
    }

    /** The session of {@code version}: champion or challenger. */
    public OnnxModel session(String version) {
        if (challenger != null && challenger.version().equals(version)) {
            return challenger;
        }
        return champion;
    }
}
