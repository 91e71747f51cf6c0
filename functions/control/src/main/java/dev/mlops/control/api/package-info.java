/** The Micronaut edge of the control function: controllers, authentication, problem details, wiring. */
package dev.mlops.control.api;
