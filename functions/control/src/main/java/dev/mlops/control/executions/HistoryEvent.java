package dev.mlops.control.executions;

import java.time.Instant;

/**
 * One event of an execution's history, reduced to what the console shows.
 *
 * @param type   Step Functions' event type, such as {@code TaskStateEntered} or {@code ExecutionSucceeded}
 * @param state  the state the event belongs to, when it has one
 * @param detail a short JSON text (error and cause, or the state's input/output), may be null
 */
public record HistoryEvent(long id, String type, Instant at, String state, String detail) {

    public HistoryEvent {
        if (type == null || at == null) {
            throw new IllegalArgumentException("a history event needs a type and a time");
        }
    }
}
