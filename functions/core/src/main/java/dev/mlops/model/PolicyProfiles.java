package dev.mlops.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.Json;

import java.util.Map;
import java.util.Set;

/**
 * Named policy profiles of a model config ({@code "profiles": {"demo": {"canary": {"bakeSeconds": 5}}}}): each
 * profile overrides single fields of the policy sections, everything it does not name keeps the config's value.
 * A demo profile thereby runs the production code paths with short bakes and low minimums.
 */
final class PolicyProfiles {

    /** The sections a profile may override: policies only, never features, label or trainer. */
    static final Set<String> SECTIONS = Set.of("evaluation", "canary", "drift", "approval", "kpi");

    private PolicyProfiles() {
    }

    /** Checks the shape of every profile: an object of known sections, each an object. */
    static Map<String, JsonNode> check(Map<String, JsonNode> profiles) {
        profiles.forEach((name, profile) -> {
            if (profile == null || !profile.isObject()) {
                throw new IllegalArgumentException("profile '" + name + "' must be an object of policy sections");
            }
            profile.fieldNames().forEachRemaining(section -> {
                if (!SECTIONS.contains(section)) {
                    throw new IllegalArgumentException("profile '" + name + "' overrides '" + section
                            + "'; a profile may only override " + new java.util.TreeSet<>(SECTIONS));
                }
                if (!profile.get(section).isObject()) {
                    throw new IllegalArgumentException("profile '" + name + "': '" + section + "' must be an object");
                }
            });
        });
        return Map.copyOf(profiles);
    }

    /** {@code config} with {@code profile}'s fields laid over its policy sections, and no profiles of its own. */
    static ModelConfig apply(ModelConfig config, String profile) {
        JsonNode overrides = config.profiles().get(profile);
        if (overrides == null) {
            throw new IllegalArgumentException("model '" + config.name() + "' has no policy profile '" + profile
                    + "' (declared: " + new java.util.TreeSet<>(config.profiles().keySet()) + ")");
        }
        ObjectNode tree = Json.mapper().valueToTree(config);
        tree.remove("profiles");
        overrides.fields().forEachRemaining(section -> {
            JsonNode base = tree.get(section.getKey());
            ObjectNode merged = base instanceof ObjectNode o ? o : tree.putObject(section.getKey());
            merged.setAll((ObjectNode) section.getValue());
        });
        return Json.read(Json.write(tree), ModelConfig.class, "model '" + config.name() + "' with profile '" + profile + "'");
    }
}
