package dev.mlops.workflows.asl.persist;

import dev.mlops.workflows.asl.eval.HistoryEvent;

import java.util.List;
import java.util.Optional;

/**
 * Where an engine persists executions. The engine writes, in order: {@link #create} when an execution starts,
 * {@link #append} for every history event, {@link #checkpoint} whenever a top-level state is entered and when a
 * top-level Task parks on a task token, and {@link #update} when the execution ends. Implementations must be safe
 * for concurrent calls on different executions; calls for one execution come in order.
 */
public interface ExecutionStore {

    /**
     * Records a new execution.
     *
     * @return false when the ARN is already taken (by any execution, running or ended)
     */
    boolean create(ExecutionRecord record);

    /** Replaces an execution's record (its end). */
    void update(ExecutionRecord record);

    /** Appends one event to an execution's history. */
    void append(String executionArn, HistoryEvent event);

    /** Replaces an execution's checkpoint. */
    void checkpoint(String executionArn, Checkpoint checkpoint);

    /** The execution's record. */
    Optional<ExecutionRecord> find(String executionArn);

    /** Every execution's record (running and ended). */
    List<ExecutionRecord> list();

    /** The execution's last checkpoint, empty before its first state. */
    Optional<Checkpoint> checkpoint(String executionArn);

    /** The execution's history, in order. */
    List<HistoryEvent> history(String executionArn);
}
