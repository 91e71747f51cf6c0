/** Canary analysis: the challenger against the champion over the same window, and the step decision. */
package dev.mlops.pipeline.canary;
