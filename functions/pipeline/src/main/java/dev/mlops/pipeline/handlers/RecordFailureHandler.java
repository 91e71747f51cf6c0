package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.RecordFailureTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the RecordFailure task ({@link RecordFailureTask}). */
public class RecordFailureHandler extends TaskHandler {

    @Inject
    RecordFailureTask task;

    public RecordFailureHandler() {
    }

    public RecordFailureHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
