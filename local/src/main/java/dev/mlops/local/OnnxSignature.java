package dev.mlops.local;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.mlops.InvalidInputException;
import dev.mlops.packaging.PackageContract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that an ONNX graph takes and returns what a package contract says, by opening it in ONNX Runtime:
 * one float input named as the contract's tensor with as many columns as the contract, and a float output with
 * one column per label. A model that fails here would fail on its first request.
 */
public final class OnnxSignature {

    private OnnxSignature() {
    }

    /** @throws InvalidInputException listing every mismatch, or saying the bytes are not a loadable model */
    public static void check(byte[] onnx, PackageContract contract) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx, options)) {
                List<String> problems = new ArrayList<>();
                checkTensor(session.getInputInfo(), contract.input().tensorName(), contract.input().width(), "input", problems);
                checkTensor(session.getOutputInfo(), contract.output().tensorName(), contract.output().labels().size(), "output", problems);
                if (session.getInputInfo().size() != 1) {
                    problems.add("the graph has " + session.getInputInfo().size() + " inputs " + session.getInputInfo().keySet()
                            + "; a package model takes exactly one");
                }
                if (!problems.isEmpty()) {
                    throw new InvalidInputException("the contract does not match the ONNX graph: " + String.join("; ", problems));
                }
            }
        } catch (OrtException e) {
            throw new InvalidInputException("not a loadable ONNX model: " + e.getMessage(), e);
        }
    }

    private static void checkTensor(Map<String, NodeInfo> nodes, String name, int columns, String role, List<String> problems) {
        NodeInfo node = nodes.get(name);
        if (node == null) {
            problems.add("contract " + role + " tensor '" + name + "' is not a graph " + role + " (graph has " + nodes.keySet() + ")");
            return;
        }
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            problems.add(role + " '" + name + "' must be a float tensor, is " + node.getInfo());
            return;
        }
        long[] shape = tensor.getShape();
        if (shape.length != 2 || shape[1] != columns) {
            problems.add(role + " '" + name + "' has shape " + java.util.Arrays.toString(shape) + ", the contract needs [-1, " + columns + "]");
        }
    }
}
