/**
 * Reading what the inference function captured: prediction and feedback lines under
 * {@code capture/{model}/dt=YYYY-MM-DD/}, and serving metric lines under {@code metrics/inference/dt=YYYY-MM-DD/}.
 */
package dev.mlops.pipeline.capture;
