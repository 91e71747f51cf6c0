/**
 * The Step Functions task handlers of the training, drift-check and batch-inference workflows and the plain-Java
 * logic behind them; payloads follow {@code docs/workflow-contracts.md}.
 */
package dev.mlops.pipeline;
