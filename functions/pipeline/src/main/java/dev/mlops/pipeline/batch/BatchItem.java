package dev.mlops.pipeline.batch;

import dev.mlops.store.ArtifactKeys;

/**
 * One item of a batch-inference manifest: a range of data rows of one input file (never the rows themselves, so
 * the manifest stays small whatever the data size).
 *
 * @param firstRow first data row, 0-based, header excluded
 * @param lastRow  last data row, inclusive
 */
public record BatchItem(String key, long firstRow, long lastRow) {

    public BatchItem {
        ArtifactKeys.validate(key);
        if (firstRow < 0 || lastRow < firstRow) {
            throw new IllegalArgumentException("batch item of " + key + ": rows " + firstRow + ".." + lastRow + " are not a range");
        }
    }

    /** Rows in the range. */
    public long rows() {
        return lastRow - firstRow + 1;
    }
}
