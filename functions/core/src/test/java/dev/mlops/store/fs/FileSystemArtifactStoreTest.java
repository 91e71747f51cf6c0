package dev.mlops.store.fs;

import dev.mlops.store.ArtifactStore;
import dev.mlops.store.ArtifactStoreContract;
import dev.mlops.store.ArtifactStoreException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSystemArtifactStoreTest extends ArtifactStoreContract {

    private static final int CHILD_PROCESSES = 4;
    private static final int CHILD_INCREMENTS = 25;

    @TempDir
    Path tempDir;

    private final AtomicInteger stores = new AtomicInteger();

    @Override
    protected ArtifactStore newStore() {
        return new FileSystemArtifactStore(tempDir.resolve("store-" + stores.incrementAndGet()));
    }

    @Test
    void constructor_missingRoot_createsIt() {
        Path root = tempDir.resolve("a/b/c");

        FileSystemArtifactStore store = new FileSystemArtifactStore(root);

        assertTrue(Files.isDirectory(root));
        assertEquals(root.toAbsolutePath().normalize(), store.root());
    }

    @Test
    void put_key_isFileUnderRootWithMd5Version() throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(tempDir);

        String version = store.put("models/m/v1.json", utf8("hello"));

        assertEquals("hello", Files.readString(tempDir.resolve("models/m/v1.json")));
        assertEquals("5d41402abc4b2a76b9719d911017c592", version);
    }

    @Test
    void list_withTempAndLockFiles_neverListsThem() throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(tempDir);
        store.put("models/a", utf8("a"));
        String version = store.put("models/b", utf8("b"));
        store.replaceIfVersionMatches("models/b", utf8("b2"), version);

        assertEquals(List.of("models/a", "models/b"), store.list(""));
        try (Stream<Path> files = Files.walk(tempDir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".tmp")), "temp files left behind");
        }
        assertTrue(Files.isDirectory(tempDir.resolve(".locks")));
    }

    @Test
    void list_crashLeftoverTempFile_isIgnored() throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(tempDir);
        store.put("models/a", utf8("a"));
        Files.writeString(tempDir.resolve("models/.tmp-crashed-half-written"), "partial");
        Files.writeString(tempDir.resolve(".tmp-at-root"), "partial");

        assertEquals(List.of("models/a"), store.list(""));
        assertEquals(List.of("models/a"), store.list("models/"));
        store.delete("models/a");
        assertEquals(List.of(), store.list(""));
    }

    @Test
    void delete_lastKeyInDirectory_removesEmptyParentsUpToRoot() {
        FileSystemArtifactStore store = new FileSystemArtifactStore(tempDir);
        store.put("a/b/c/d.json", utf8("x"));
        store.put("a/keep.json", utf8("y"));

        store.delete("a/b/c/d.json");

        assertFalse(Files.exists(tempDir.resolve("a/b")));
        assertTrue(Files.isRegularFile(tempDir.resolve("a/keep.json")));
        assertTrue(Files.isDirectory(tempDir));
    }

    @Test
    void put_keyBelowAnExistingObject_throwsNamingKey() {
        FileSystemArtifactStore store = new FileSystemArtifactStore(tempDir);
        store.put("a", utf8("object"));

        ArtifactStoreException e = assertThrows(ArtifactStoreException.class, () -> store.put("a/b", utf8("x")));

        assertTrue(e.getMessage().contains("'a/b'"), e.getMessage());
    }

    @Test
    void createIfAbsent_keyThatIsADirectory_throwsNamingKey() {
        FileSystemArtifactStore store = new FileSystemArtifactStore(tempDir);
        store.put("a/b", utf8("object"));

        ArtifactStoreException e = assertThrows(ArtifactStoreException.class, () -> store.createIfAbsent("a", utf8("x")));

        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        assertEquals(Optional.empty(), store.get("a"));
    }

    @Test
    void twoInstancesOnOneRoot_concurrentIncrements_countExactly() throws Exception {
        FileSystemArtifactStore first = new FileSystemArtifactStore(tempDir);
        FileSystemArtifactStore second = new FileSystemArtifactStore(tempDir);
        first.put("counter", utf8("0"));

        Thread a = new Thread(() -> FileSystemStoreRace.increment(first, "counter", 50));
        Thread b = new Thread(() -> FileSystemStoreRace.increment(second, "counter", 50));
        a.start();
        b.start();
        a.join();
        b.join();

        assertEquals("100", first.require("counter").text());
    }

    @Test
    void childProcesses_racingCreateAndIncrement_oneWinnerAndExactCount() throws Exception {
        FileSystemArtifactStore store = new FileSystemArtifactStore(tempDir);
        store.put("race/counter", utf8("0"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        List<Process> children = new ArrayList<>();
        try {
            for (int i = 0; i < CHILD_PROCESSES; i++) {
                children.add(new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                        "-cp", System.getProperty("java.class.path"), FileSystemStoreRace.class.getName(),
                        tempDir.toString(), "child-" + i, Integer.toString(CHILD_INCREMENTS))
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start());
            }
            List<BufferedReader> outputs = new ArrayList<>();
            for (Process child : children) {
                BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertEquals(FileSystemStoreRace.READY, output.readLine());
                outputs.add(output);
            }
            // Release all children at once so their writes overlap.
            for (Process child : children) {
                Writer input = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
                input.write(FileSystemStoreRace.GO + "\n");
                input.flush();
            }
            List<String> created = new ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                String result = outputs.get(i).readLine();
                assertTrue(children.get(i).waitFor(20, TimeUnit.SECONDS), "child " + i + " did not finish");
                assertEquals(0, children.get(i).exitValue(), "child " + i + " exit status");
                if (FileSystemStoreRace.CREATED.equals(result)) {
                    created.add("child-" + i);
                }
            }

            assertEquals(1, created.size(), "create winners " + created);
            assertEquals(created.get(0), store.require("race/winner").text());
            assertEquals(Integer.toString(CHILD_PROCESSES * CHILD_INCREMENTS), store.require("race/counter").text());
        } finally {
            children.forEach(Process::destroyForcibly);
        }
    }
}
