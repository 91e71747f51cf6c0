/**
 * The embedded runtime of {@code ./mlops up} and {@code ./mlops demo}: the workflow engine with every pipeline task
 * as a local function, and the inference and control APIs (with the web console) in one application context on
 * one port, all over {@code $MLOPS_HOME}.
 */
package dev.mlops.local.runtime;
