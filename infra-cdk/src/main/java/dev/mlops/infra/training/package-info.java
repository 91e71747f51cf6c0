/** Training on AWS Batch: network, CPU and GPU queues, one job definition per model, job roles. */
package dev.mlops.infra.training;
