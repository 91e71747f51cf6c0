/** {@link dev.mlops.control.executions.Executions} over AWS Step Functions (SDK v2). */
package dev.mlops.control.executions.sfn;
