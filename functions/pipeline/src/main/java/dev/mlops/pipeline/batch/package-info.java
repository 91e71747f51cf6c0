/** Batch inference: planning row ranges over input files, and scoring a range with ONNX Runtime. */
package dev.mlops.pipeline.batch;
