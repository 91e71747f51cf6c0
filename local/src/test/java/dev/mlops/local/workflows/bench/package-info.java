/** Timing harnesses for the workflows in the local engine (main classes, not tests): see docs/benchmarks.md. */
package dev.mlops.local.workflows.bench;
