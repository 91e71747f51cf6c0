package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.RegisterTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the Register task ({@link RegisterTask}). */
public class RegisterHandler extends TaskHandler {

    @Inject
    RegisterTask task;

    public RegisterHandler() {
    }

    public RegisterHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
