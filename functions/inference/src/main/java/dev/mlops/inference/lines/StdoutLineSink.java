package dev.mlops.inference.lines;

import java.io.PrintStream;

/**
 * Lambda's sink: one line to stdout per call, which the runtime ships to CloudWatch Logs before the invocation
 * ends. The key is not needed there: the subscription filter routes lines by their {@code type} field.
 */
public final class StdoutLineSink implements LineSink {

    private final PrintStream out;

    public StdoutLineSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public boolean offer(String key, String line) {
        out.println(line);
        return true;
    }

    @Override
    public long dropped() {
        return 0;
    }

    @Override
    public void close() {
        out.flush();
    }
}
