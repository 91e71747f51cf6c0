/** Quality metrics of binary classifiers, shared by the trainer, the evaluation gate and the KPI reports. */
package dev.mlops.metrics;
