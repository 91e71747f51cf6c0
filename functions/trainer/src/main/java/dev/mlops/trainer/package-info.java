/**
 * The training job: {@link dev.mlops.trainer.Trainer} (Tribuo to ONNX with a parity self-check),
 * {@link dev.mlops.trainer.TrainingJob} (read, train, claim a version, write the package) and
 * {@link dev.mlops.trainer.TrainerMain} (the AWS Batch entry point).
 */
package dev.mlops.trainer;
