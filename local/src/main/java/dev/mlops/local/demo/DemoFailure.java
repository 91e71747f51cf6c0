package dev.mlops.local.demo;

import dev.mlops.MlopsException;

/** A step of the demo did not turn out as the story says: the demo stops and exits non-zero. */
public final class DemoFailure extends MlopsException {

    public DemoFailure(String message) {
        super(message);
    }
}
