package dev.mlops.inference;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Prediction ids: random version-4 UUIDs. */
public final class PredictionIds {

    private PredictionIds() {
    }

    /**
     * A random version-4 UUID from the calling thread's own generator. {@code UUID.randomUUID()} draws from one
     * shared SecureRandom, a lock every request thread queues on; prediction ids only need to be unique, and
     * feedback for them requires an authenticated caller anyway.
     */
    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
