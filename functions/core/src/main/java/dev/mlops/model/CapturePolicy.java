package dev.mlops.model;

import java.util.List;

/**
 * What the inference function keeps of each prediction.
 *
 * @param retentionDays  capture objects older than this are expired (S3 lifecycle; local sweep)
 * @param redactedFields features written as {@code null} in capture lines (they then take no part in drift checks)
 */
public record CapturePolicy(Integer retentionDays, List<String> redactedFields) {

    public CapturePolicy {
        retentionDays = Checks.positive(Checks.orDefault(retentionDays, 30), "capture.retentionDays");
        redactedFields = List.copyOf(Checks.orDefault(redactedFields, List.of()));
    }

    public static CapturePolicy defaults() {
        return new CapturePolicy(null, null);
    }
}
