package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.KpiReportTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the KpiReport task ({@link KpiReportTask}). */
public class KpiReportHandler extends TaskHandler {

    @Inject
    KpiReportTask task;

    public KpiReportHandler() {
    }

    public KpiReportHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
