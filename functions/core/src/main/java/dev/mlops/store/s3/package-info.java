/**
 * {@link dev.mlops.store.s3.S3ArtifactStore}: artifacts as objects in an S3 bucket, with conditional writes
 * done by S3 itself ({@code If-None-Match} and {@code If-Match} on PutObject). The only package of
 * {@code core} that uses the AWS SDK.
 */
package dev.mlops.store.s3;
