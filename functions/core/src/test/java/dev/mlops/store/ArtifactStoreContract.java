package dev.mlops.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link ArtifactStore} guarantees. Implementations' tests extend this class and supply an empty
 * store per test; other modules can reuse it from core's test jar.
 */
public abstract class ArtifactStoreContract {

    private static final int THREADS = 8;

    /** A new, empty store; called once per test. */
    protected abstract ArtifactStore newStore();

    /** Compare-and-swap increments each of {@value #THREADS} threads makes in the counter test. */
    protected int casIncrementsPerThread() {
        return 10;
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void put_thenGet_returnsBytesAndVersion() {
        ArtifactStore store = newStore();

        String version = store.put("models/a/v1.json", utf8("{\"a\":1}"));

        StoredObject object = store.get("models/a/v1.json").orElseThrow();
        assertEquals("models/a/v1.json", object.key());
        assertEquals("{\"a\":1}", object.text());
        assertEquals(version, object.version());
    }

    @Test
    void put_newContent_changesVersion() {
        ArtifactStore store = newStore();
        String first = store.put("doc.json", utf8("one"));

        String second = store.put("doc.json", utf8("two"));

        assertNotEquals(first, second);
        assertEquals("two", store.get("doc.json").orElseThrow().text());
        assertEquals(second, store.get("doc.json").orElseThrow().version());
    }

    @Test
    void get_missingKey_returnsEmpty() {
        ArtifactStore store = newStore();
        store.put("present/x", utf8("x"));

        assertEquals(Optional.empty(), store.get("absent"));
        assertEquals(Optional.empty(), store.get("present/y"));
        assertEquals(Optional.empty(), store.get("absent/deeper/z"));
    }

    @Test
    void require_missingKey_throwsNamingKey() {
        ArtifactStore store = newStore();

        ArtifactNotFoundException e = assertThrows(ArtifactNotFoundException.class, () -> store.require("nope/x"));

        assertEquals("nope/x", e.key());
    }

    @Test
    void list_prefix_returnsNestedKeysSortedAsText() {
        ArtifactStore store = newStore();
        for (String key : List.of("models/credit-risk/v2/model.onnx", "models/credit/v1.json",
                "models/credit-risk/v1/model.onnx", "models/churn/v1.json", "registry/index.json", "models/a")) {
            store.put(key, utf8(key));
        }

        assertEquals(List.of("models/a", "models/churn/v1.json", "models/credit-risk/v1/model.onnx",
                "models/credit-risk/v2/model.onnx", "models/credit/v1.json"), store.list("models/"));
        assertEquals(List.of("models/credit-risk/v1/model.onnx", "models/credit-risk/v2/model.onnx"),
                store.list("models/credit-risk/"));
        assertEquals(List.of("registry/index.json"), store.list("registry"));
    }

    @Test
    void list_prefixNotAtSlash_matchesLikeS3() {
        ArtifactStore store = newStore();
        store.put("models/credit/v1.json", utf8("a"));
        store.put("models/credit-risk/v1.json", utf8("b"));
        store.put("models/churn/v1.json", utf8("c"));

        assertEquals(List.of("models/credit-risk/v1.json", "models/credit/v1.json"), store.list("models/credit"));
        assertEquals(List.of("models/credit-risk/v1.json"), store.list("models/credit-"));
        assertEquals(List.of("models/credit-risk/v1.json"), store.list("models/credit-risk/v1.json"));
    }

    @Test
    void list_emptyPrefix_returnsEverything() {
        ArtifactStore store = newStore();
        store.put("b/x", utf8("1"));
        store.put("a", utf8("2"));

        assertEquals(List.of("a", "b/x"), store.list(""));
    }

    @Test
    void list_missingPrefix_returnsEmpty() {
        ArtifactStore store = newStore();
        store.put("a/b", utf8("1"));

        assertEquals(List.of(), store.list("nothing/here/"));
        assertEquals(List.of(), store.list("nothing"));
    }

    @Test
    void delete_existingKey_removesItFromGetAndList() {
        ArtifactStore store = newStore();
        store.put("runs/1/metrics.json", utf8("m"));
        store.put("runs/2/metrics.json", utf8("m"));

        store.delete("runs/1/metrics.json");

        assertEquals(Optional.empty(), store.get("runs/1/metrics.json"));
        assertEquals(List.of("runs/2/metrics.json"), store.list("runs/"));
    }

    @Test
    void delete_twiceOrMissing_isNoError() {
        ArtifactStore store = newStore();
        store.put("x/y", utf8("1"));

        store.delete("x/y");
        store.delete("x/y");
        store.delete("never/existed");

        assertEquals(List.of(), store.list(""));
    }

    @Test
    void delete_thenPutSameKey_works() {
        ArtifactStore store = newStore();
        store.put("deep/er/key", utf8("1"));
        store.delete("deep/er/key");

        store.put("deep/er/key", utf8("2"));

        assertEquals("2", store.get("deep/er/key").orElseThrow().text());
    }

    @Test
    void createIfAbsent_firstCall_writesAndReturnsVersion() {
        ArtifactStore store = newStore();

        Optional<String> version = store.createIfAbsent("locks/run-1", utf8("first"));

        assertTrue(version.isPresent());
        StoredObject object = store.get("locks/run-1").orElseThrow();
        assertEquals("first", object.text());
        assertEquals(version.get(), object.version());
    }

    @Test
    void createIfAbsent_secondCall_returnsEmptyAndKeepsContent() {
        ArtifactStore store = newStore();
        String version = store.createIfAbsent("locks/run-1", utf8("first")).orElseThrow();

        Optional<String> second = store.createIfAbsent("locks/run-1", utf8("second"));

        assertEquals(Optional.empty(), second);
        StoredObject object = store.get("locks/run-1").orElseThrow();
        assertEquals("first", object.text());
        assertEquals(version, object.version());
    }

    @Test
    void replaceIfVersionMatches_currentVersion_replacesAndReturnsNewVersion() {
        ArtifactStore store = newStore();
        String v1 = store.put("registry/m.json", utf8("v1"));

        Optional<String> v2 = store.replaceIfVersionMatches("registry/m.json", utf8("v2"), v1);

        assertTrue(v2.isPresent());
        assertNotEquals(v1, v2.get());
        StoredObject object = store.get("registry/m.json").orElseThrow();
        assertEquals("v2", object.text());
        assertEquals(v2.get(), object.version());
    }

    @Test
    void replaceIfVersionMatches_staleVersion_refusesAndKeepsContent() {
        ArtifactStore store = newStore();
        String v1 = store.put("registry/m.json", utf8("v1"));
        store.put("registry/m.json", utf8("v2"));

        Optional<String> result = store.replaceIfVersionMatches("registry/m.json", utf8("v3"), v1);

        assertEquals(Optional.empty(), result);
        assertEquals("v2", store.get("registry/m.json").orElseThrow().text());
    }

    @Test
    void replaceIfVersionMatches_missingKey_refusesAndCreatesNothing() {
        ArtifactStore store = newStore();
        String version = store.put("other", utf8("v1"));

        Optional<String> result = store.replaceIfVersionMatches("registry/missing.json", utf8("v1"), version);

        assertEquals(Optional.empty(), result);
        assertEquals(Optional.empty(), store.get("registry/missing.json"));
    }

    @Test
    void replaceIfVersionMatches_afterDelete_refuses() {
        ArtifactStore store = newStore();
        String version = store.put("gone", utf8("v1"));
        store.delete("gone");

        assertEquals(Optional.empty(), store.replaceIfVersionMatches("gone", utf8("v2"), version));
        assertEquals(Optional.empty(), store.get("gone"));
    }

    @Test
    void anyOperation_invalidKey_isRejected() {
        ArtifactStore store = newStore();
        for (String key : new String[] {"../x", "/abs", "a//b", "", "a/../b", "a/./b", "sp ace", "a/.tmp-x"}) {
            assertThrows(IllegalArgumentException.class, () -> store.put(key, utf8("x")), key);
            assertThrows(IllegalArgumentException.class, () -> store.get(key), key);
            assertThrows(IllegalArgumentException.class, () -> store.delete(key), key);
            assertThrows(IllegalArgumentException.class, () -> store.createIfAbsent(key, utf8("x")), key);
            assertThrows(IllegalArgumentException.class, () -> store.replaceIfVersionMatches(key, utf8("x"), "v"), key);
        }
        assertThrows(IllegalArgumentException.class, () -> store.list("../"));
        assertThrows(IllegalArgumentException.class, () -> store.list("/abs"));
        assertEquals(List.of(), store.list(""));
    }

    @Test
    void put_binaryContentWithAllByteValues_roundTripsExactly() {
        ArtifactStore store = newStore();
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (255 - i % 256);
        }

        String version = store.put("blobs/all-bytes.bin", bytes);

        StoredObject object = store.get("blobs/all-bytes.bin").orElseThrow();
        assertArrayEquals(bytes, object.bytes());
        assertEquals(version, object.version());
    }

    @Test
    void put_emptyContent_roundTrips() {
        ArtifactStore store = newStore();

        store.put("empty", new byte[0]);

        assertArrayEquals(new byte[0], store.get("empty").orElseThrow().bytes());
    }

    @Test
    void replaceIfVersionMatches_concurrentIncrements_countExactly() throws Exception {
        ArtifactStore store = newStore();
        store.put("counter", utf8("0"));
        int perThread = casIncrementsPerThread();

        List<Integer> conflicts = runConcurrently(thread -> {
            int refused = 0;
            for (int done = 0; done < perThread; ) {
                StoredObject current = store.require("counter");
                int next = Integer.parseInt(current.text()) + 1;
                if (store.replaceIfVersionMatches("counter", utf8(Integer.toString(next)), current.version()).isPresent()) {
                    done++;
                } else {
                    refused++;
                }
            }
            return refused;
        });

        assertEquals(Integer.toString(THREADS * perThread), store.require("counter").text(),
                "lost updates; conflicts per thread " + conflicts);
    }

    @Test
    void createIfAbsent_racingThreads_exactlyOneWins() throws Exception {
        ArtifactStore store = newStore();

        List<Optional<String>> results = runConcurrently(
                thread -> store.createIfAbsent("race/winner", utf8("thread-" + thread)));

        List<Integer> winners = new ArrayList<>();
        for (int thread = 0; thread < results.size(); thread++) {
            if (results.get(thread).isPresent()) {
                winners.add(thread);
            }
        }
        assertEquals(1, winners.size(), "winning threads " + winners);
        StoredObject object = store.require("race/winner");
        assertEquals("thread-" + winners.get(0), object.text());
        assertEquals(results.get(winners.get(0)).orElseThrow(), object.version());
    }

    /** Runs {@code task} on {@value #THREADS} threads released together; returns their results by thread index. */
    private static <T> List<T> runConcurrently(Worker<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int thread = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.run(thread);
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Worker<T> {
        T run(int thread) throws Exception;
    }
}
