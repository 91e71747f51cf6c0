package dev.mlops.workflows.asl.model;

import java.util.List;

/**
 * What makes a Map state DISTRIBUTED ({@code ItemProcessor.ProcessorConfig.Mode}): each item (or batch of items)
 * runs as a child execution of the item processor, items may come from an object store, and results may be written
 * to it.
 *
 * @param executionType                  ProcessorConfig.ExecutionType
 * @param itemReader                     ItemReader, or null (items come from ItemsPath)
 * @param itemBatcher                    ItemBatcher, or null (one item per child execution)
 * @param resultWriter                   ResultWriter, or null (the Map's output is the array of results)
 * @param toleratedFailureCount          ToleratedFailureCount, or null
 * @param toleratedFailureCountPath      ToleratedFailureCountPath, or null
 * @param toleratedFailurePercentage     ToleratedFailurePercentage, or null
 * @param toleratedFailurePercentagePath ToleratedFailurePercentagePath, or null
 * @param label                          Label, or null (the state's name names the Map Run)
 */
public record DistributedMap(ExecutionType executionType, ItemReader itemReader, ItemBatcher itemBatcher,
                             ResultWriter resultWriter, Integer toleratedFailureCount,
                             dev.mlops.workflows.asl.path.JsonPath toleratedFailureCountPath,
                             Double toleratedFailurePercentage,
                             dev.mlops.workflows.asl.path.JsonPath toleratedFailurePercentagePath, String label) {

    /** ProcessorConfig.ExecutionType: how child executions run in AWS (locally both run the same way). */
    public enum ExecutionType { STANDARD, EXPRESS }

    /** ReaderConfig.InputType for {@code s3:getObject}. */
    public enum InputType { CSV, JSON, JSONL }

    /** ReaderConfig.CSVHeaderLocation. */
    public enum CsvHeaderLocation { FIRST_ROW, GIVEN }

    /**
     * ItemReader.
     *
     * @param resource   {@code arn:aws:states:::s3:getObject} or {@code arn:aws:states:::s3:listObjectsV2}
     * @param parameters Parameters (Bucket, Key or Prefix), evaluated against the state's effective input
     * @param config     ReaderConfig
     */
    public record ItemReader(String resource, PayloadTemplate parameters, ReaderConfig config) {
        /** Whether it lists objects rather than reading one. */
        public boolean isListing() {
            return resource.endsWith(":listObjectsV2");
        }
    }

    /**
     * ReaderConfig.
     *
     * @param inputType      InputType (null for a listing)
     * @param headerLocation CSVHeaderLocation (CSV only)
     * @param csvHeaders     CSVHeaders (GIVEN only), else empty
     * @param csvDelimiter   the delimiter character (CSVDelimiter: COMMA, PIPE, SEMICOLON, SPACE, TAB)
     * @param maxItems       MaxItems, or null
     * @param maxItemsPath   MaxItemsPath, or null
     */
    public record ReaderConfig(InputType inputType, CsvHeaderLocation headerLocation, List<String> csvHeaders,
                               char csvDelimiter, Integer maxItems, dev.mlops.workflows.asl.path.JsonPath maxItemsPath) {
        public ReaderConfig {
            csvHeaders = List.copyOf(csvHeaders);
        }
    }

    /**
     * ItemBatcher: child executions get {@code {"BatchInput": ..., "Items": [...]}}.
     *
     * @param maxItemsPerBatch          MaxItemsPerBatch, or null
     * @param maxItemsPerBatchPath      MaxItemsPerBatchPath, or null
     * @param maxInputBytesPerBatch     MaxInputBytesPerBatch, or null
     * @param maxInputBytesPerBatchPath MaxInputBytesPerBatchPath, or null
     * @param batchInput                BatchInput, or null
     */
    public record ItemBatcher(Integer maxItemsPerBatch, dev.mlops.workflows.asl.path.JsonPath maxItemsPerBatchPath,
                              Integer maxInputBytesPerBatch,
                              dev.mlops.workflows.asl.path.JsonPath maxInputBytesPerBatchPath,
                              PayloadTemplate batchInput) {
    }

    /**
     * ResultWriter with {@code arn:aws:states:::s3:putObject}.
     *
     * @param parameters Parameters (Bucket, Prefix), evaluated against the state's effective input
     */
    public record ResultWriter(PayloadTemplate parameters) {
    }
}
