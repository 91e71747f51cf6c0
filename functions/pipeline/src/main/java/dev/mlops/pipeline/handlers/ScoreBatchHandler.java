package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.ScoreBatchTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the ScoreBatch task ({@link ScoreBatchTask}). */
public class ScoreBatchHandler extends TaskHandler {

    @Inject
    ScoreBatchTask task;

    public ScoreBatchHandler() {
    }

    public ScoreBatchHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
