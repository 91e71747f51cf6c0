package dev.mlops.trainer;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a task on a thread with a 16 MiB stack and waits for it. ONNX Runtime 1.29's native initialisation
 * overflows the JVM's default 1 MiB thread stack (the process dies with SIGSEGV, no Java exception), so every
 * ONNX Runtime call of the trainer goes through here instead of relying on an {@code -Xss} flag in each launcher.
 */
final class LargeStack {

    private static final long STACK_BYTES = 16L << 20;

    private LargeStack() {
    }

    static <T> T call(String name, Supplier<T> task) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(task.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name, STACK_BYTES);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingException(name + " was interrupted", e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return result.get();
    }
}
