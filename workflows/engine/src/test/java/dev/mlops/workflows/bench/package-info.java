/**
 * Throughput harness for the engine (a main class, not a test): see docs/benchmarks.md, "Step Functions engine".
 */
package dev.mlops.workflows.bench;
