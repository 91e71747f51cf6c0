package dev.mlops.inference.api;

import dev.mlops.inference.LiveModels;
import io.micronaut.context.annotation.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Loads and runs every live model while the function initialises, so a SnapStart snapshot holds warm
 * ONNX Runtime sessions. After a restore the snapshot's deployment cache may predate later promotions: it is
 * dropped and deployment.json re-read (Lambda SnapStart honours {@code org.crac} resources).
 */
@Context
public class SnapStartPriming implements Resource {

    private final LiveModels models;

    public SnapStartPriming(LiveModels models, InferenceConfiguration config) {
        this.models = models;
        if (config.isPrimeOnStart()) {
            models.prime();
        }
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // Nothing to close: sessions stay loaded in the snapshot on purpose.
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        models.refresh();
        models.prime();
    }
}
