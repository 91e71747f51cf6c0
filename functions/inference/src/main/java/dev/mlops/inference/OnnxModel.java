package dev.mlops.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.packaging.CorruptPackageException;
import dev.mlops.packaging.ModelPackage;
import dev.mlops.packaging.PackageManifest;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * One loaded model version: an ONNX Runtime session built once from the package's verified bytes (never a file
 * in /tmp) and shared by every request thread; {@code OrtSession.run} is thread-safe.
 */
public final class OnnxModel implements AutoCloseable {

    private final PackageManifest manifest;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int width;
    private final int positiveColumn;
    private final int labels;
    private final List<String> redactedFields;

    private OnnxModel(PackageManifest manifest, List<String> redactedFields, OrtEnvironment env, OrtSession session) {
        this.manifest = manifest;
        this.redactedFields = List.copyOf(redactedFields);
        this.env = env;
        this.session = session;
        this.width = manifest.input().width();
        this.positiveColumn = manifest.output().positiveColumn();
        this.labels = manifest.output().labels().size();
    }

    /**
     * Opens a session for a verified package: one intra-op and one inter-op thread without spinning (two cores
     * locally, fractions of one in Lambda: spinning threads would steal the request threads' CPU).
     *
     * @throws CorruptPackageException when ONNX Runtime cannot load the graph
     */
    public static OnnxModel load(ModelPackage pkg, OrtEnvironment env) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            OrtSession session = env.createSession(pkg.onnx(), options);
            return new OnnxModel(pkg.manifest(), pkg.config().capture().redactedFields(), env, session);
        } catch (OrtException e) {
            PackageManifest m = pkg.manifest();
            throw new CorruptPackageException(m.model() + "/" + m.version() + ": ONNX Runtime cannot load model.onnx: " + e.getMessage(), e);
        }
    }

    public PackageManifest manifest() {
        return manifest;
    }

    /** Features the capture policy blanks out of capture lines. */
    public List<String> redactedFields() {
        return redactedFields;
    }

    public String version() {
        return manifest.version();
    }

    /** Positive-class probabilities of {@code rows} (each already encoded by the input contract). */
    public float[] positiveProbabilities(float[][] rows) {
        float[][] scores = run(rows);
        float[] positive = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            positive[i] = scores[i][positiveColumn];
        }
        return positive;
    }

    /** All output columns of {@code rows}, as the graph returns them. */
    public float[][] run(float[][] rows) {
        FloatBuffer buffer = FloatBuffer.allocate(rows.length * width);
        for (float[] row : rows) {
            if (row.length != width) {
                throw new IllegalArgumentException("row has " + row.length + " columns, the model takes " + width);
            }
            buffer.put(row);
        }
        buffer.flip();
        try (OnnxTensor input = OnnxTensor.createTensor(env, buffer, new long[] {rows.length, width});
             OrtSession.Result result = session.run(Map.of(manifest.input().tensorName(), input))) {
            OnnxValue output = result.get(manifest.output().tensorName())
                    .orElseThrow(() -> new IllegalStateException("graph has no output " + manifest.output().tensorName()));
            float[][] scores = (float[][]) output.getValue();
            if (scores.length != rows.length || (scores.length > 0 && scores[0].length != labels)) {
                throw new IllegalStateException("graph returned " + scores.length + " rows of scores for " + rows.length + " inputs");
            }
            return scores;
        } catch (OrtException e) {
            throw new IllegalStateException(manifest.model() + "/" + manifest.version() + ": inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close session of " + manifest.version(), e);
        }
    }
}
