package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.DriftCheckTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the DriftCheck task ({@link DriftCheckTask}). */
public class DriftCheckHandler extends TaskHandler {

    @Inject
    DriftCheckTask task;

    public DriftCheckHandler() {
    }

    public DriftCheckHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
