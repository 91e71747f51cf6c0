package dev.mlops.trainer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.Map;

/**
 * An ONNX Runtime session over a freshly exported graph with one float input and one float output, as Tribuo
 * writes them; single-threaded so that a training job does not compete with itself.
 */
final class OnnxScorer implements AutoCloseable {

    private final OrtSession session;
    private final String inputName;
    private final String outputName;

    OnnxScorer(byte[] onnx) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                session = env.createSession(onnx, options);
            }
        } catch (OrtException e) {
            throw new TrainingException("ONNX Runtime cannot load the exported model: " + e.getMessage(), e);
        }
        if (session.getNumInputs() != 1 || session.getNumOutputs() != 1) {
            throw new TrainingException("expected an exported graph with one input and one output, got "
                    + session.getInputNames() + " -> " + session.getOutputNames());
        }
        inputName = session.getInputNames().iterator().next();
        outputName = session.getOutputNames().iterator().next();
    }

    String inputName() {
        return inputName;
    }

    String outputName() {
        return outputName;
    }

    /** The output rows for a batch of input rows. */
    float[][] run(float[][] rows) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), rows);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new TrainingException("ONNX Runtime failed on the exported model: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new TrainingException("cannot close ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
