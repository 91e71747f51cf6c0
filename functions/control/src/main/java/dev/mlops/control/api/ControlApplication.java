package dev.mlops.control.api;

import io.micronaut.runtime.Micronaut;

/** Runs the control function as a plain Netty server (outside Lambda and outside the local runtime). */
public final class ControlApplication {

    private ControlApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ControlApplication.class, args);
    }
}
