/** The embedded runtime: local state under MLOPS_HOME, model configs, and the wiring of the modules in one JVM. */
package dev.mlops.local;
