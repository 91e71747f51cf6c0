package dev.mlops.trainer;

import dev.mlops.MlopsException;
import dev.mlops.store.ArtifactStore;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Opens the artifact store at a location: {@code s3://bucket[/prefix]} or a directory path. */
@FunctionalInterface
public interface StoreLocator {

    /** The store at {@code location}. */
    ArtifactStore open(String location);

    /**
     * The project's own resolver, {@code dev.mlops.store.ArtifactStores.open(String)}. Looked up when first used
     * because the store implementations are built in parallel with this trainer; once they are merged this becomes
     * a method reference.
     */
    static StoreLocator artifactStores() {
        return location -> {
            MethodHandle open;
            try {
                Class<?> stores = Class.forName("dev.mlops.store.ArtifactStores");
                open = MethodHandles.publicLookup().findStatic(stores, "open", MethodType.methodType(ArtifactStore.class, String.class));
            } catch (ReflectiveOperationException e) {
                throw new MlopsException("cannot open store '" + location + "': dev.mlops.store.ArtifactStores.open(String)"
                        + " is not on the classpath (" + e + ")", e);
            }
            try {
                return (ArtifactStore) open.invoke(location);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new MlopsException("cannot open store '" + location + "': " + e.getMessage(), e);
            }
        };
    }
}
