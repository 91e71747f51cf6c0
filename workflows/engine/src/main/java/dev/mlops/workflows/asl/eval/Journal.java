package dev.mlops.workflows.asl.eval;

import dev.mlops.workflows.asl.persist.Checkpoint;

/** Where an interpreter reports its progress so that the execution can be resumed; {@link #NONE} for in-memory runs. */
interface Journal {

    /** Reports nothing. */
    Journal NONE = new Journal() {
        @Override
        public void event(HistoryEvent event) {
        }

        @Override
        public void checkpoint(Checkpoint checkpoint) {
        }

        @Override
        public void ended(ExecutionResult result) {
        }
    };

    /** An event was recorded (called in history order). */
    void event(HistoryEvent event);

    /** A top-level state was entered, or its task parked. */
    void checkpoint(Checkpoint checkpoint);

    /** The execution ended. */
    void ended(ExecutionResult result);
}
