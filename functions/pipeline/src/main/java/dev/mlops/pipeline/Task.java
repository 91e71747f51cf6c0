package dev.mlops.pipeline;

import java.util.Map;

/**
 * One Step Functions task: a JSON object in, a small JSON object out (large documents go to the artifact store
 * and travel as keys). Handlers are one-line adapters around these; tests call them directly.
 */
public interface Task {

    /** The lower-kebab function name of the task ({@code register}), as the local runtime invokes it. */
    String name();

    /** Runs the task. */
    Map<String, Object> run(TaskInput input);
}
