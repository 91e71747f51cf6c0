/** The evaluation gate: holdout metrics against absolute thresholds and the champion, training-data shift. */
package dev.mlops.pipeline.evaluation;
