package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.PlanBatchTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the PlanBatch task ({@link PlanBatchTask}). */
public class PlanBatchHandler extends TaskHandler {

    @Inject
    PlanBatchTask task;

    public PlanBatchHandler() {
    }

    public PlanBatchHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
