package dev.mlops.infra.pipeline;

import dev.mlops.infra.InfraException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The task handlers in the pipeline jar: each {@code dev/mlops/pipeline/handlers/<Name>Handler.class}, one Lambda
 * function per handler. Read from the jar so the stack follows what was built; a workflow that names a handler the
 * jar lacks fails the synth with its placeholder named.
 */
public final class HandlerClasses {

    /** The package of the handler classes. */
    public static final String PACKAGE = "dev.mlops.pipeline.handlers.";
    /** The abstract base class of the handlers, not a task. */
    public static final String BASE = "TaskHandler";

    private HandlerClasses() {
    }

    /**
     * Task names ({@code Register} for {@code RegisterHandler}), sorted.
     *
     * @throws InfraException when the jar is unreadable or holds no handler
     */
    public static List<String> inJar(Path jar) {
        String folder = PACKAGE.replace('.', '/');
        List<String> tasks = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith(folder) && n.endsWith("Handler.class") && n.indexOf('/', folder.length()) < 0)
                    .map(n -> n.substring(folder.length(), n.length() - ".class".length()))
                    .filter(n -> !n.contains("$") && !n.equals(BASE))
                    .forEach(n -> tasks.add(n.substring(0, n.length() - "Handler".length())));
        } catch (IOException e) {
            throw new InfraException("cannot read the pipeline jar " + jar + ": " + e.getMessage(), e);
        }
        if (tasks.isEmpty()) {
            throw new InfraException("no task handlers in " + jar + ": expected " + folder + "<Task>Handler.class entries;"
                    + " rebuild it with: mvn -B package -DskipTests -pl functions/pipeline -am");
        }
        Collections.sort(tasks);
        return List.copyOf(tasks);
    }
}
