/** Roles and identities: bearer tokens locally, JWT group claims in AWS. */
package dev.mlops.roles;
