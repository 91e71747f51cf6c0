/**
 * What the stack is built from, read and validated before any CDK construct exists: context parameters
 * ({@link dev.mlops.infra.config.Settings}), model configs ({@link dev.mlops.infra.config.ModelSpec}) and the built
 * Lambda jars ({@link dev.mlops.infra.config.LambdaJars}). Plain Java, so its checks run without jsii.
 */
package dev.mlops.infra.config;
