/** A manual benchmark of generation and training at 100k and 1M rows; not part of the test run. */
package dev.mlops.trainer.bench;
