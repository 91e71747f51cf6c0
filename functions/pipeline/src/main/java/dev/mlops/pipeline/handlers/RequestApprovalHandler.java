package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.tasks.RequestApprovalTask;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The Lambda entry of the RequestApproval task ({@link RequestApprovalTask}). */
public class RequestApprovalHandler extends TaskHandler {

    @Inject
    RequestApprovalTask task;

    public RequestApprovalHandler() {
    }

    public RequestApprovalHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected Task task() {
        return task;
    }
}
