/**
 * The DISTRIBUTED Map's data side: {@link dev.mlops.workflows.asl.distributed.ObjectStore} (what the engine reads
 * items from and writes results to, S3's role; the local runtime implements it over its artifact store),
 * {@link dev.mlops.workflows.asl.distributed.ItemReaders} (CSV, JSON, JSON Lines, object listings as items),
 * {@link dev.mlops.workflows.asl.distributed.ItemBatches} and
 * {@link dev.mlops.workflows.asl.distributed.ResultFiles} (the documents a ResultWriter writes).
 */
package dev.mlops.workflows.asl.distributed;
