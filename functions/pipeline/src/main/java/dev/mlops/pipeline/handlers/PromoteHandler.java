package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.PromoteTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the Promote task ({@link PromoteTask}). */
public class PromoteHandler extends TaskHandler {

    @Inject
    PromoteTask task;

    public PromoteHandler() {
    }

    public PromoteHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
