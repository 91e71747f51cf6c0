package dev.mlops.workflows.asl.eval;

import dev.mlops.workflows.asl.persist.Checkpoint;
import dev.mlops.workflows.asl.persist.ExecutionRecord;
import dev.mlops.workflows.asl.persist.ExecutionStore;

/** Writes one execution's progress to an {@link ExecutionStore}. */
final class StoreJournal implements Journal {

    private final ExecutionStore store;
    private final ExecutionRecord record;

    StoreJournal(ExecutionStore store, ExecutionRecord record) {
        this.store = store;
        this.record = record;
    }

    @Override
    public void event(HistoryEvent event) {
        store.append(record.executionArn(), event);
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
        store.checkpoint(record.executionArn(), checkpoint);
    }

    @Override
    public void ended(ExecutionResult result) {
        store.update(record.withEnd(ExecutionRecord.Status.valueOf(result.status().name()), result.stopDate(),
                result.output(), result.error(), result.cause()));
    }
}
