/**
 * The pipeline: task-handler functions and the state machines of {@code workflows/*.asl.json}, each with a role
 * derived from its own Task states ({@link dev.mlops.infra.pipeline.TaskPermissions}).
 */
package dev.mlops.infra.pipeline;
