/**
 * The model registry on top of the artifact store: version allocation, versions with checked status
 * transitions, the compare-and-swap deployment document, and the append-only audit trail.
 */
package dev.mlops.registry;
