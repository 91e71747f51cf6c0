package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.AnalyzeCanaryTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the AnalyzeCanary task ({@link AnalyzeCanaryTask}). */
public class AnalyzeCanaryHandler extends TaskHandler {

    @Inject
    AnalyzeCanaryTask task;

    public AnalyzeCanaryHandler() {
    }

    public AnalyzeCanaryHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
