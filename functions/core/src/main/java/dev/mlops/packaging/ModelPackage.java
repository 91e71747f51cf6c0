package dev.mlops.packaging;

import dev.mlops.model.ModelConfig;

/**
 * One model version as read from the store, verified: its manifest, the ONNX bytes whose SHA-256 matched the
 * manifest, and the model config it was trained under.
 */
public record ModelPackage(PackageManifest manifest, byte[] onnx, ModelConfig config) {

    public ModelPackage {
        onnx = onnx.clone();
    }

    @Override
    public byte[] onnx() {
        return onnx.clone();
    }
}
