package dev.mlops.packaging;

import dev.mlops.Digests;
import dev.mlops.InvalidDocumentException;
import dev.mlops.model.ModelConfig;
import dev.mlops.store.ArtifactStore;
import dev.mlops.store.StoredObject;

import java.util.Optional;

/**
 * Reads and writes model packages under {@code models/{model}/{version}/} in an {@link ArtifactStore}.
 *
 * <p>Writing order is the crash-safety argument: {@code model.onnx}, then {@code model.json}, then
 * {@code package.json} last, and the registry entry after the whole package (see the registry). A crash at any
 * point leaves at most an incomplete folder that no registry entry points to, so it is never served.
 */
public final class ModelPackages {

    public static final String ONNX_FILE = "model.onnx";
    public static final String CONFIG_FILE = "model.json";
    public static final String MANIFEST_FILE = "package.json";

    private final ArtifactStore store;

    public ModelPackages(ArtifactStore store) {
        this.store = store;
    }

    /**
     * Writes a package. The manifest's hash and size must describe {@code onnx}, and its model name must match
     * the config's.
     */
    public void write(PackageManifest manifest, byte[] onnx, ModelConfig config) {
        String actual = Digests.sha256(onnx);
        if (!actual.equals(manifest.onnxSha256()) || onnx.length != manifest.onnxBytes()) {
            throw new IllegalArgumentException("manifest of " + manifest.model() + "/" + manifest.version()
                    + " records onnxSha256 " + manifest.onnxSha256() + " (" + manifest.onnxBytes() + " bytes) but the model is "
                    + actual + " (" + onnx.length + " bytes)");
        }
        if (!config.name().equals(manifest.model())) {
            throw new IllegalArgumentException("manifest is for model '" + manifest.model() + "' but the config is for '"
                    + config.name() + "'");
        }
        String prefix = ModelVersions.packagePrefix(manifest.model(), manifest.version());
        store.put(prefix + ONNX_FILE, onnx);
        store.put(prefix + CONFIG_FILE, config.toJson());
        store.put(prefix + MANIFEST_FILE, dev.mlops.Json.write(manifest));
    }

    /** Whether a complete package (its manifest) exists for this version. */
    public boolean exists(String model, String version) {
        return store.get(ModelVersions.packagePrefix(model, version) + MANIFEST_FILE).isPresent();
    }

    /** The manifest alone (no ONNX bytes, no hash check): for listings and evidence. */
    public PackageManifest readManifest(String model, String version) {
        String key = ModelVersions.packagePrefix(model, version) + MANIFEST_FILE;
        StoredObject object = store.get(key)
                .orElseThrow(() -> new CorruptPackageException("package " + model + "/" + version + " has no " + key));
        try {
            return PackageManifest.parse(object.bytes(), key);
        } catch (InvalidDocumentException e) {
            throw new CorruptPackageException("package " + model + "/" + version + " is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a whole package and verifies {@code model.onnx} against the manifest's SHA-256.
     *
     * @throws CorruptPackageException naming the file and both hashes when they differ, or the missing file
     */
    public ModelPackage read(String model, String version) {
        PackageManifest manifest = readManifest(model, version);
        String prefix = ModelVersions.packagePrefix(model, version);
        byte[] onnx = require(prefix + ONNX_FILE, model, version);
        String actual = Digests.sha256(onnx);
        if (!actual.equals(manifest.onnxSha256())) {
            throw new CorruptPackageException(prefix + ONNX_FILE + " has SHA-256 " + actual + " but " + prefix + MANIFEST_FILE
                    + " records " + manifest.onnxSha256() + ": refusing to load it");
        }
        ModelConfig config;
        try {
            config = ModelConfig.parse(require(prefix + CONFIG_FILE, model, version), prefix + CONFIG_FILE);
        } catch (InvalidDocumentException e) {
            throw new CorruptPackageException("package " + model + "/" + version + " has an unreadable config: " + e.getMessage(), e);
        }
        return new ModelPackage(manifest, onnx, config);
    }

    private byte[] require(String key, String model, String version) {
        Optional<StoredObject> object = store.get(key);
        return object.orElseThrow(() -> new CorruptPackageException("package " + model + "/" + version + " has no " + key))
                .bytes();
    }
}
