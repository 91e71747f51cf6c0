/**
 * The control plane: approval decisions with their effects, training starts, KPI reads, and the role model
 * ({@link dev.mlops.control.Access}). Plain Java; the Micronaut edge is {@code dev.mlops.control.api}.
 */
package dev.mlops.control;
