/**
 * The Lambda entry points, one {@code MicronautRequestHandler} per task, and the one factory that wires the
 * plain-Java tasks into Micronaut. Handlers are one-line adapters: Lambda builds them, so the task they run is
 * field-injected; the tasks themselves take their dependencies in constructors.
 */
package dev.mlops.pipeline.handlers;
