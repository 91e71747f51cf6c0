package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.RollbackTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the Rollback task ({@link RollbackTask}). */
public class RollbackHandler extends TaskHandler {

    @Inject
    RollbackTask task;

    public RollbackHandler() {
    }

    public RollbackHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
