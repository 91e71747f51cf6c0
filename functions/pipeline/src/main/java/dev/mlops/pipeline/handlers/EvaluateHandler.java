package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.EvaluateTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the Evaluate task ({@link EvaluateTask}). */
public class EvaluateHandler extends TaskHandler {

    @Inject
    EvaluateTask task;

    public EvaluateHandler() {
    }

    public EvaluateHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
