/** Benchmark harnesses run from the launcher's jar (not tests): their figures go to docs/benchmarks.md. */
package dev.mlops.local.bench;
