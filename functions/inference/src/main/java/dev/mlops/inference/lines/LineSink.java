package dev.mlops.inference.lines;

/**
 * Where capture and metric lines go: stdout in Lambda (CloudWatch Logs, then a subscription to Firehose and S3),
 * files under the store's prefixes locally. Never blocks the request: a line that cannot be taken is dropped
 * and counted.
 */
public interface LineSink extends AutoCloseable {

    /**
     * Hands over one line for {@code key} (an artifact-store style path such as
     * {@code capture/credit-risk/dt=2026-11-26/i-1a2b.jsonl}).
     *
     * @return false when the line was dropped (a full buffer); the drop is counted
     */
    boolean offer(String key, String line);

    /** Lines dropped since start. */
    long dropped();

    /** Writes what is buffered and stops; lines offered afterwards are dropped. */
    @Override
    void close();
}
