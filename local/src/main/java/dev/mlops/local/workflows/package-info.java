/**
 * The project's state machines in the local engine: {@code workflows/*.asl.json} with the local placeholder values,
 * and the task integrations ({@code lambda:invoke}, {@code batch:submitJob.sync}, {@code sns:publish}) wired to
 * in-process counterparts. {@link dev.mlops.local.workflows.LocalWorkflows} is the entry point.
 */
package dev.mlops.local.workflows;
