package dev.mlops.packaging;

import dev.mlops.model.ModelConfig;

/** Names and keys of model versions in the artifact store; the one place the layout is spelled out. */
public final class ModelVersions {

    private ModelVersions() {
    }

    /** Checks a model name: lowercase letters, digits and dashes, starting with a letter. */
    public static String checkModel(String model) {
        if (model == null || !model.matches(ModelConfig.NAME_PATTERN)) {
            throw new IllegalArgumentException("model name '" + model + "' must match " + ModelConfig.NAME_PATTERN);
        }
        return model;
    }

    /** Checks a version id: {@code v} followed by a positive number without leading zeros. */
    public static String checkVersion(String version) {
        if (version == null || !version.matches("v[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("version '" + version + "' must look like v1, v2, ...");
        }
        return version;
    }

    /** The number of a version id ({@code v12} is 12). */
    public static int number(String version) {
        return Integer.parseInt(checkVersion(version).substring(1));
    }

    /** {@code models/{model}/{version}/}: where a version's package lives. */
    public static String packagePrefix(String model, String version) {
        return "models/" + checkModel(model) + "/" + checkVersion(version) + "/";
    }

    /** {@code models/{model}/model.json}: the published model config. */
    public static String configKey(String model) {
        return "models/" + checkModel(model) + "/model.json";
    }
}
