/**
 * Plain-Java domain of Serverless MLOps: model configuration and package, registry, artifact store.
 * No Micronaut, Lambda or ONNX Runtime types live here.
 */
package dev.mlops;
