package dev.mlops.routing;

import dev.mlops.registry.Deployment;
import dev.mlops.registry.DeploymentMode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouterTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(7);

    private static Deployment canary(String challenger, int weight) {
        return new Deployment("v1", challenger, weight, DeploymentMode.CANARY, 3);
    }

    private static Set<String> challengerKeys(Deployment deployment, int keys) {
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < keys; i++) {
            String key = "customer-" + i;
            if (Router.route(deployment, key, RANDOM).variant() == Variant.CHALLENGER) {
                chosen.add(key);
            }
        }
        return chosen;
    }

    @Test
    void route_weightTenPercent_sendsTenPercentOfDistinctKeysToChallenger() {
        double share = challengerKeys(canary("v2", 10), 10_000).size() / 10_000.0;
        assertEquals(0.1, share, 0.01);
    }

    @Test
    void route_sameKey_staysOnItsVersion() {
        Deployment deployment = canary("v2", 50);
        for (int i = 0; i < 1000; i++) {
            String key = "k" + i;
            Route first = Router.route(deployment, key, RANDOM);
            for (int again = 0; again < 3; again++) {
                assertEquals(first, Router.route(deployment, key, RANDOM));
            }
        }
    }

    @Test
    void route_newChallengerVersion_reshufflesWhoGetsIt() {
        Set<String> forV2 = challengerKeys(canary("v2", 10), 10_000);
        Set<String> forV3 = challengerKeys(canary("v3", 10), 10_000);
        Set<String> both = new HashSet<>(forV2);
        both.retainAll(forV3);
        // Independent draws overlap on about 10% of 10%: far from the 100% a version-blind hash would give.
        assertTrue(both.size() < forV2.size() / 4, "overlap " + both.size() + " of " + forV2.size());
    }

    @Test
    void route_weightBounds_andNoKeyIsRandomButProportional() {
        assertTrue(challengerKeys(canary("v2", 0), 2000).isEmpty());
        assertEquals(2000, challengerKeys(canary("v2", 100), 2000).size());
        int challenger = 0;
        for (int i = 0; i < 10_000; i++) {
            challenger += Router.route(canary("v2", 30), null, RANDOM).variant() == Variant.CHALLENGER ? 1 : 0;
        }
        assertEquals(0.3, challenger / 10_000.0, 0.02);
    }

    @Test
    void route_shadowMode_answersWithChampionAndNamesTheShadow() {
        Route route = Router.route(new Deployment("v1", "v2", 0, DeploymentMode.SHADOW, 1), "k", RANDOM);
        assertEquals(new Route("v1", Variant.CHAMPION, "v2"), route);
        Route plain = Router.route(new Deployment("v1", null, 0, DeploymentMode.CANARY, 1), "k", RANDOM);
        assertNull(plain.shadowVersion());
    }

    @Test
    void route_withoutChampion_isRefused() {
        assertThrows(IllegalStateException.class, () -> Router.route(Deployment.none(), "k", RANDOM));
    }

    @Test
    void route_firstReleaseWithoutChampion_challengerAnswersEverything() {
        Deployment first = new Deployment(null, "v1", 100, DeploymentMode.CANARY, 1);
        assertEquals(new Route("v1", Variant.CHALLENGER, null), Router.route(first, "k", RANDOM));
        assertEquals(new Route("v1", Variant.CHALLENGER, null), Router.route(first, null, RANDOM));
    }
}
