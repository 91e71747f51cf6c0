package dev.mlops.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contents of {@code models/{name}/model.json}: everything that differs between two models, so that a
 * second model with other features needs no code change.
 */
public record ModelConfig(String name, String description, LabelSpec label, List<FeatureSpec> features,
                          TrainerSpec trainer, EvaluationPolicy evaluation, CanaryPolicy canary, DriftPolicy drift,
                          CapturePolicy capture, ApprovalPolicy approval, KpiPolicy kpi,
                          Map<String, JsonNode> profiles) {

    /** Model names are used in keys, URLs and metric dimensions. */
    public static final String NAME_PATTERN = "[a-z][a-z0-9-]{0,62}";

    public ModelConfig {
        Checks.present(name, "name");
        if (!name.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException("model name '" + name + "' must match " + NAME_PATTERN);
        }
        description = Checks.orDefault(description, "");
        Checks.present(label, "label");
        features = Checks.nonEmpty(features, "features");
        Checks.present(trainer, "trainer");
        evaluation = Checks.orDefault(evaluation, EvaluationPolicy.defaults());
        canary = Checks.orDefault(canary, CanaryPolicy.defaults());
        drift = Checks.orDefault(drift, DriftPolicy.defaults());
        capture = Checks.orDefault(capture, CapturePolicy.defaults());
        approval = Checks.orDefault(approval, ApprovalPolicy.defaults());
        kpi = Checks.orDefault(kpi, KpiPolicy.defaults());
        profiles = PolicyProfiles.check(Checks.orDefault(profiles, Map.of()));

        Set<String> names = new HashSet<>();
        for (FeatureSpec feature : features) {
            if (!names.add(feature.name())) {
                throw new IllegalArgumentException("feature '" + feature.name() + "' is declared twice");
            }
        }
        if (names.contains(label.name())) {
            throw new IllegalArgumentException("label '" + label.name() + "' is also declared as a feature");
        }
        for (String field : capture.redactedFields()) {
            if (!names.contains(field)) {
                throw new IllegalArgumentException("capture.redactedFields names '" + field + "', which is not a feature");
            }
        }
    }

    /** A config without approval, KPI or profile sections (their defaults apply). */
    public ModelConfig(String name, String description, LabelSpec label, List<FeatureSpec> features, TrainerSpec trainer,
                       EvaluationPolicy evaluation, CanaryPolicy canary, DriftPolicy drift, CapturePolicy capture) {
        this(name, description, label, features, trainer, evaluation, canary, drift, capture, null, null, null);
    }

    /** Parses model.json bytes; errors name {@code document}, the JSON path and the problem. */
    public static ModelConfig parse(byte[] json, String document) {
        ModelConfig config = Json.read(json, ModelConfig.class, document);
        // Applying each profile once here makes a broken override (a typo, a value out of range) a config error
        // at publish time rather than a failed canary step hours later.
        for (String profile : config.profiles().keySet()) {
            try {
                config.withProfile(profile);
            } catch (dev.mlops.InvalidDocumentException e) {
                throw new dev.mlops.InvalidDocumentException(document, "$.profiles." + profile, e.getMessage());
            }
        }
        return config;
    }

    /**
     * The config with the named policy profile's fields laid over its policy sections (and no profiles); the
     * config itself when {@code profile} is null or blank.
     *
     * @throws IllegalArgumentException when the config declares no such profile
     */
    public ModelConfig withProfile(String profile) {
        return profile == null || profile.isBlank() ? this : PolicyProfiles.apply(this, profile);
    }

    /** Reads and parses a model.json file. */
    public static ModelConfig load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new dev.mlops.MlopsException("cannot read model config " + file + ": " + e.getMessage(), e);
        }
    }

    /** The feature called {@code name}, if declared. */
    public Optional<FeatureSpec> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Feature names in declaration order. */
    public List<String> featureNames() {
        return features.stream().map(FeatureSpec::name).collect(Collectors.toUnmodifiableList());
    }

    /** The config as model.json bytes. */
    public byte[] toJson() {
        return Json.write(this);
    }
}
