package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.ExpireApprovalTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the ExpireApproval task ({@link ExpireApprovalTask}). */
public class ExpireApprovalHandler extends TaskHandler {

    @Inject
    ExpireApprovalTask task;

    public ExpireApprovalHandler() {
    }

    public ExpireApprovalHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
