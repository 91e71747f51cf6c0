/**
 * The tasks of the workflows in plain Java, one class each: they read the registry and the store, call the
 * domain packages, write documents and return the small results of {@code docs/workflow-contracts.md}.
 */
package dev.mlops.pipeline.tasks;
