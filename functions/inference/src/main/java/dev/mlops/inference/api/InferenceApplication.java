package dev.mlops.inference.api;

import io.micronaut.runtime.Micronaut;

/** Runs the inference function as a plain Netty server (outside Lambda); {@code ./mlops serve} does the same in-process. */
public final class InferenceApplication {

    private InferenceApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(InferenceApplication.class, args);
    }
}
