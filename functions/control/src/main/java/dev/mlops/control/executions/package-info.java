/**
 * The control API's port to the workflow engine ({@link dev.mlops.control.executions.Executions}): Step Functions
 * in AWS ({@code executions.sfn}), the embedded engine locally. Plain Java: no Micronaut types.
 */
package dev.mlops.control.executions;
