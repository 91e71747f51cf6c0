/** The artifact store in AWS: one S3 bucket and its KMS key. */
package dev.mlops.infra.storage;
