/**
 * The model package every trainer writes ({@code model.onnx}, {@code model.json}, {@code package.json}) and the
 * artifact-store layout of versions. Hashes are recorded at write and verified at every load.
 */
package dev.mlops.packaging;
