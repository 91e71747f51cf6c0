/** Deterministic application-level routing between a deployment's champion and challenger. */
package dev.mlops.routing;
