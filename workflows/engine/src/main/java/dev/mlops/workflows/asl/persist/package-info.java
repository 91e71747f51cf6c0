/**
 * Persisted executions: {@link dev.mlops.workflows.asl.persist.ExecutionStore} is what an
 * {@link dev.mlops.workflows.asl.eval.Engine} writes executions to (record, history, checkpoints with parked task
 * tokens) so that a new engine on the same store resumes the unfinished ones;
 * {@link dev.mlops.workflows.asl.persist.DirectoryExecutionStore} keeps them in one folder per execution.
 */
package dev.mlops.workflows.asl.persist;
