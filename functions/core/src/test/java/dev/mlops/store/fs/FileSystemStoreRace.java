package dev.mlops.store.fs;

import dev.mlops.store.ArtifactStore;
import dev.mlops.store.StoredObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process for {@link FileSystemArtifactStoreTest}: prints {@value #READY}, waits for {@value #GO} on
 * stdin, races {@code createIfAbsent("race/winner")}, prints {@value #CREATED} or {@value #EXISTED}, then
 * compare-and-swap increments {@code race/counter}.
 *
 * <p>Arguments: store root, this child's name (written as the winner's content), number of increments.
 */
public final class FileSystemStoreRace {

    static final String READY = "ready";
    static final String GO = "go";
    static final String CREATED = "created";
    static final String EXISTED = "existed";

    private FileSystemStoreRace() {
    }

    public static void main(String[] args) throws IOException {
        FileSystemArtifactStore store = new FileSystemArtifactStore(Path.of(args[0]));
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println(READY);
        System.out.flush();
        if (!GO.equals(stdin.readLine())) {
            throw new IllegalStateException("expected '" + GO + "' on stdin");
        }
        boolean created = store.createIfAbsent("race/winner", args[1].getBytes(StandardCharsets.UTF_8)).isPresent();
        System.out.println(created ? CREATED : EXISTED);
        System.out.flush();
        increment(store, "race/counter", Integer.parseInt(args[2]));
    }

    /** Adds {@code times} to the decimal counter under {@code key}, retrying each refused compare-and-swap. */
    static void increment(ArtifactStore store, String key, int times) {
        for (int done = 0; done < times; ) {
            StoredObject current = store.require(key);
            byte[] next = Integer.toString(Integer.parseInt(current.text()) + 1).getBytes(StandardCharsets.UTF_8);
            if (store.replaceIfVersionMatches(key, next, current.version()).isPresent()) {
                done++;
            }
        }
    }
}
