/**
 * The immutable model of a state machine: {@link dev.mlops.workflows.asl.model.StateMachine} holds
 * {@link dev.mlops.workflows.asl.model.State}s (a sealed interface, one record per state type) and every node keeps
 * its state name and its location (a JSON Pointer into the definition) so that errors can say where.
 */
package dev.mlops.workflows.asl.model;
