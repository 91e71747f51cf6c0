package dev.mlops.workflows.asl.eval;

import java.util.Optional;

/**
 * Maps a Task state's resource to its implementation. The engine fails a task whose resource resolves to nothing
 * with {@code States.TaskFailed}, naming the resource.
 */
@FunctionalInterface
public interface TaskResolver {

    /** The handler for {@code resource}, or empty when this resolver knows no such resource. */
    Optional<TaskHandler> resolve(Resource resource);

    /** This resolver, then {@code fallback} for the resources this one does not know. */
    default TaskResolver orElse(TaskResolver fallback) {
        return resource -> {
            Optional<TaskHandler> handler = resolve(resource);
            return handler.isPresent() ? handler : fallback.resolve(resource);
        };
    }

    /** A resolver that knows no resource: every Task state fails with {@code States.TaskFailed}. */
    static TaskResolver none() {
        return resource -> Optional.empty();
    }
}
