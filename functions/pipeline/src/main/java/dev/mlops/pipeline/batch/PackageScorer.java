package dev.mlops.pipeline.batch;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.contract.InputContract;
import dev.mlops.packaging.ModelPackage;
import dev.mlops.packaging.PackageManifest;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * Scores named records with one verified model package in ONNX Runtime. The inference module's {@code OnnxModel}
 * does the same, but depending on that module would put Micronaut HTTP and Netty into this function's jar for
 * one small class; this is that class's batch subset (same session options, same encoding through the package's
 * input contract).
 */
public final class PackageScorer implements AutoCloseable {

    private final PackageManifest manifest;
    private final OrtEnvironment env;
    private final OrtSession session;

    /** Opens a session on {@code pkg}'s verified bytes; one intra-op thread, no spinning (Lambda has little CPU). */
    public PackageScorer(ModelPackage pkg) {
        this.manifest = pkg.manifest();
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            this.session = env.createSession(pkg.onnx(), options);
        } catch (OrtException e) {
            throw new IllegalStateException(manifest.model() + "/" + manifest.version() + ": ONNX Runtime cannot load the model: "
                    + e.getMessage(), e);
        }
    }

    public PackageManifest manifest() {
        return manifest;
    }

    /** Positive-class probabilities of {@code records}, encoded by the package's input contract. */
    public double[] probabilities(List<? extends Map<String, ?>> records) {
        InputContract contract = manifest.input();
        int width = contract.width();
        FloatBuffer buffer = FloatBuffer.allocate(records.size() * width);
        for (Map<String, ?> record : records) {
            buffer.put(contract.encodeFloats(record));
        }
        buffer.flip();
        try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, new long[] {records.size(), width});
             OrtSession.Result result = session.run(Map.of(contract.tensorName(), input))) {
            float[][] scores = (float[][]) result.get(manifest.output().tensorName())
                    .orElseThrow(() -> new IllegalStateException("graph has no output " + manifest.output().tensorName()))
                    .getValue();
            double[] positive = new double[records.size()];
            for (int i = 0; i < positive.length; i++) {
                positive[i] = scores[i][manifest.output().positiveColumn()];
            }
            return positive;
        } catch (OrtException e) {
            throw new IllegalStateException(manifest.model() + "/" + manifest.version() + ": scoring failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the session of " + manifest.version(), e);
        }
    }
}
