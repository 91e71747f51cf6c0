/** The Micronaut edge of the inference function: controllers, authentication, error bodies, wiring. */
package dev.mlops.inference.api;
