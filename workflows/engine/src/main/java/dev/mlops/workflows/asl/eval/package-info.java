/**
 * Runs state machines: {@link dev.mlops.workflows.asl.eval.Engine} executes a parsed
 * {@link dev.mlops.workflows.asl.model.StateMachine} with AWS's data flow, Retry/Catch, task tokens and history,
 * on an {@link dev.mlops.workflows.asl.eval.ExecutionClock} (virtual or real) and a seeded random source.
 */
package dev.mlops.workflows.asl.eval;
