package dev.mlops.pipeline.handlers;

import dev.mlops.pipeline.Task;
import dev.mlops.pipeline.TaskInput;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;

import java.util.Map;

/**
 * The shape of every handler: a JSON object in, the task's JSON object out. An exception escapes as is, so the
 * Lambda runtime reports its class name as the task error (see the contract's "Errors").
 */
public abstract class TaskHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    /** For the Lambda runtime, which builds the handler and its application context. */
    protected TaskHandler() {
    }

    /** For tests and the local runtime, sharing one application context between handlers. */
    protected TaskHandler(ApplicationContext context) {
        super(context);
    }

    /** The injected task this handler runs. */
    protected abstract Task task();

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        Task task = task();
        return task.run(new TaskInput(task.name(), input));
    }
}
