package dev.mlops.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.infra.InfraException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the stack needs from one {@code models/<name>/model.json}: the training job's shape, the drift schedule and
 * the capture retention. The rest of the config is the application's business.
 *
 * @param name                 the model name (the folder name; lower-case letters, digits and dashes)
 * @param trainerImage         a bring-your-own trainer image pinned by digest ({@code trainer.image}); empty: the
 *                             project's Java trainer from the stack's ECR repository
 * @param gpus                 GPUs of the training job ({@code trainer.gpus}, default 0); more than 0 runs on the GPU queue
 * @param vcpus                vCPUs of the training job ({@code trainer.vcpus}, default 2, or 4 with GPUs)
 * @param memoryMib            memory of the training job ({@code trainer.memoryMib}, default 4096, or 14336 with GPUs:
 *                             a g5.xlarge or g4dn.xlarge has 16 GiB, of which ECS registers less than 15.5 for jobs, and a
 *                             job that asks for more than any instance registers waits in RUNNABLE forever)
 * @param driftSchedule        the drift check's EventBridge Scheduler expression ({@code drift.schedule})
 * @param captureRetentionDays days capture data is kept ({@code capture.retentionDays})
 */
public record ModelSpec(String name, Optional<String> trainerImage, int gpus, int vcpus, int memoryMib,
                        String driftSchedule, int captureRetentionDays) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern SCHEDULE = Pattern.compile("(rate|cron)\\(.+\\)");
    private static final Pattern PINNED = Pattern.compile("[^\\s@]+@sha256:[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the invariants the stack relies on. */
    public ModelSpec {
        if (!NAME.matcher(name).matches()) {
            throw new InfraException("model name '" + name + "': expected lower-case letters, digits and dashes, at most 40");
        }
        if (gpus < 0 || vcpus < 1 || memoryMib < 512) {
            throw new InfraException("model " + name + ": trainer gpus >= 0, vcpus >= 1, memoryMib >= 512 expected, got "
                    + gpus + ", " + vcpus + ", " + memoryMib);
        }
    }

    /** Whether the training job runs on the GPU queue. */
    public boolean isGpu() {
        return gpus > 0;
    }

    /**
     * Every {@code <modelsDir>/<name>/model.json}, sorted by name.
     *
     * @throws InfraException when there is none, or one is unreadable or invalid (the file and field named)
     */
    public static List<ModelSpec> loadAll(Path modelsDir) {
        List<Path> files;
        try (Stream<Path> dirs = Files.list(modelsDir)) {
            files = dirs.map(d -> d.resolve("model.json")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new InfraException("cannot list model configs in " + modelsDir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new InfraException("no model configs: expected " + modelsDir + "/<name>/model.json");
        }
        List<ModelSpec> specs = new ArrayList<>();
        for (Path file : files) {
            specs.add(load(file));
        }
        return List.copyOf(specs);
    }

    /** One model config; its folder must carry the model's name. */
    public static ModelSpec load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InfraException("cannot read model config " + file + ": " + e.getMessage(), e);
        }
        String name = text(root, "/name", file).orElseThrow(() -> new InfraException(file + ": field name is required"));
        String folder = file.getParent().getFileName().toString();
        if (!name.equals(folder)) {
            throw new InfraException(file + ": name '" + name + "' differs from its folder '" + folder + "'");
        }
        Optional<String> image = text(root, "/trainer/image", file);
        image.filter(i -> !PINNED.matcher(i).matches()).ifPresent(i -> {
            throw new InfraException(file + ": trainer.image '" + i + "' must be pinned by digest (repository@sha256:<64 hex>),"
                    + " because a tag can move under a registered model");
        });
        int gpus = integer(root, "/trainer/gpus", 0, file);
        if (gpus > 0 && image.isEmpty()) {
            throw new InfraException(file + ": trainer.gpus is " + gpus + " but trainer.image is missing; the Java trainer"
                    + " runs on CPU, GPU jobs need a bring-your-own image");
        }
        int vcpus = integer(root, "/trainer/vcpus", gpus > 0 ? 4 : 2, file);
        int memory = integer(root, "/trainer/memoryMib", gpus > 0 ? 14336 : 4096, file);
        String schedule = text(root, "/drift/schedule", file).orElse("rate(1 day)");
        if (!SCHEDULE.matcher(schedule).matches()) {
            throw new InfraException(file + ": drift.schedule '" + schedule + "' is not an EventBridge Scheduler expression"
                    + " (rate(1 day), cron(0 6 * * ? *))");
        }
        int retention = integer(root, "/capture/retentionDays", 30, file);
        if (retention < 1) {
            throw new InfraException(file + ": capture.retentionDays must be at least 1, got " + retention);
        }
        return new ModelSpec(name, image, gpus, vcpus, memory, schedule, retention);
    }

    private static Optional<String> text(JsonNode root, String pointer, Path file) {
        JsonNode node = root.at(pointer);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new InfraException(file + ": " + pointer.substring(1).replace('/', '.') + " must be a string, got " + node);
        }
        return Optional.of(node.asText());
    }

    private static int integer(JsonNode root, String pointer, int fallback, Path file) {
        JsonNode node = root.at(pointer);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new InfraException(file + ": " + pointer.substring(1).replace('/', '.') + " must be an integer, got " + node);
        }
        return node.asInt();
    }
}
