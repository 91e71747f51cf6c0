/**
 * Runs state machines: {@link dev.mlops.workflows.asl.eval.Engine} executes a parsed
 * {@link dev.mlops.workflows.asl.model.StateMachine} with AWS's data flow, Retry/Catch, task tokens and history,
 * on an {@link dev.mlops.workflows.asl.eval.ExecutionClock} (virtual or real) and a seeded random source. The engine
 * also keeps a registry of state machines, unique execution names, the built-in {@code states:startExecution}
 * integration, DISTRIBUTED Map runs over an {@link dev.mlops.workflows.asl.distributed.ObjectStore}, and, with an
 * {@link dev.mlops.workflows.asl.persist.ExecutionStore}, executions that survive a restart.
 */
package dev.mlops.workflows.asl.eval;
