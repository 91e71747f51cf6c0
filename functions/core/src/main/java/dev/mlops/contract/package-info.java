/**
 * The input contract of a model package: from a named record to the exact tensor row its ONNX graph expects,
 * with every field checked against the feature's declared range, levels and policies.
 */
package dev.mlops.contract;
