/**
 * The read-only serving domain: live models with verified ONNX Runtime sessions, routing, the {@code /v1} and
 * Open Inference Protocol paths, capture lines and serving metrics. No Micronaut types.
 */
package dev.mlops.inference;
