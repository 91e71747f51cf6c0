package dev.mlops.local.workflows.bench;

import dev.mlops.local.workflows.StubPipeline;
import dev.mlops.workflows.asl.eval.ExecutionResult;

import dev.mlops.workflows.asl.persist.DirectoryExecutionStore;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times workflows/training-pipeline.asl.json end to end in the local engine with instant stub handlers (approval
 * decided inside RequestApproval), the virtual clock (three 600 s bakes take no time) and full history recording.
 * Arguments: warm-up runs, timed runs (default 2000 and 2000), then optionally {@code forced} or {@code atomic} to
 * persist executions in a temporary {@link DirectoryExecutionStore} with that durability ({@code ./mlops up} persists,
 * FORCED). Run from the {@code local} folder: the workflows are read from {@code ../workflows}.
 */
public final class WorkflowBenchmark {

    private WorkflowBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        DirectoryExecutionStore store = args.length > 2 ? new DirectoryExecutionStore(Files.createTempDirectory("wf-bench"),
                DirectoryExecutionStore.Durability.valueOf(args[2].toUpperCase(Locale.ROOT))) : null;
        StubPipeline stubs = new StubPipeline(store, StubPipeline.START);
        stubs.approveInline();
        long first = run(stubs, "first");
        for (int i = 0; i < warmup; i++) {
            run(stubs, "warm-" + i);
        }
        long[] nanos = new long[timed];
        long[] cpu = new long[timed];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int events = 0;
        for (int i = 0; i < timed; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            ExecutionResult r = stubs.workflows.run("training-pipeline", "timed-" + i, StubPipeline.trainingInput());
            nanos[i] = System.nanoTime() - t;
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
            events = r.history().size();
            check(r);
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        // Thread CPU time leaves out the time the thread waited for a core (the wall figures' tail on a busy machine).
        System.out.printf(Locale.ROOT, "training-pipeline end to end, %s (%d history events): first %.2f ms; after %d warm-up runs,"
                        + " %d runs: wall median %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms;"
                        + " thread CPU median %.3f ms, p90 %.3f ms, p99 %.3f ms%n",
                args.length > 2 ? "persisted " + args[2] : "in memory", events, first / 1e6, warmup, timed, ms(nanos, 0.5), ms(nanos, 0.9), ms(nanos, 0.99), nanos[timed - 1] / 1e6,
                ms(cpu, 0.5), ms(cpu, 0.9), ms(cpu, 0.99));
    }

    private static long run(StubPipeline stubs, String name) {
        long t = System.nanoTime();
        check(stubs.workflows.run("training-pipeline", name, StubPipeline.trainingInput()));
        return System.nanoTime() - t;
    }

    private static void check(ExecutionResult r) {
        if (!"PROMOTED".equals(r.output() == null ? null : r.output().path("outcome").asText())) {
            throw new IllegalStateException("the run did not promote: " + r.status() + " " + r.error() + " " + r.cause());
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))] / 1e6;
    }
}
