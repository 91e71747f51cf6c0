/**
 * The model configuration ({@code models/{name}/model.json}): features and their contracts, label, trainer,
 * evaluation gate, canary, drift and capture policies. Parsing is strict: unknown keys are errors.
 */
package dev.mlops.model;
