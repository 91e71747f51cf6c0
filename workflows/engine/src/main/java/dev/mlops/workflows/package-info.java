/**
 * Workflows of Serverless MLOps: the Amazon States Language engine lives under {@code dev.mlops.workflows.asl}.
 * No Micronaut, Lambda or ONNX Runtime types live here.
 */
package dev.mlops.workflows;
