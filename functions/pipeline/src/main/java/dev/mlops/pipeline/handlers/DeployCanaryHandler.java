package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.DeployCanaryTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the DeployCanary task ({@link DeployCanaryTask}). */
public class DeployCanaryHandler extends TaskHandler {

    @Inject
    DeployCanaryTask task;

    public DeployCanaryHandler() {
    }

    public DeployCanaryHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
