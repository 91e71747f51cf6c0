/**
 * The AWS CDK app of the project: {@link dev.mlops.infra.MlopsApp} reads the context parameters, the model configs,
 * the workflow files and the built Lambda jars, and composes {@link dev.mlops.infra.MlopsStack} from constructs by
 * concern (storage, serving, capture, training, pipeline, monitoring).
 */
package dev.mlops.infra;
