package dev.mlops.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.local.workflows.LocalFunction;
import dev.mlops.local.workflows.LocalWorkflows;
import dev.mlops.store.ArtifactStore;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What EventBridge Scheduler does in AWS, for {@code ./mlops up}: on one daemon thread, every {@code kpiInterval}
 * the {@code kpi-report} function for each published model ({@code models/{model}/model.json} in the store), and
 * drift-check per the model's {@code drift.schedule} when it is {@code rate(N minute|minutes|hour|hours|day|days)}
 * ({@code cron(...)} is not scheduled locally; that is logged once). Models published after the start are picked up
 * at the next tick. Failures are logged and never stop the runtime.
 */
public final class LocalSchedules implements AutoCloseable {

    /** The environment variable (or system property {@code mlops.kpi.interval}) with the KPI interval in minutes. */
    public static final String KPI_INTERVAL_ENV = "MLOPS_KPI_INTERVAL";
    /** Default KPI interval. */
    public static final Duration DEFAULT_KPI_INTERVAL = Duration.ofMinutes(10);

    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final ArtifactStore store;
    private final LocalWorkflows workflows;
    private final LocalFunction kpiReport;
    private final Consumer<String> log;
    private final ScheduledExecutorService executor;
    private final Map<String, Long> nextDrift = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final long tickNanos;

    private LocalSchedules(ArtifactStore store, LocalWorkflows workflows, LocalFunction kpiReport, Duration kpiInterval,
                           Consumer<String> log) {
        this.store = store;
        this.workflows = workflows;
        this.kpiReport = kpiReport;
        this.log = log;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mlops-schedules");
            t.setDaemon(true);
            return t;
        });
        this.tickNanos = Math.min(kpiInterval.toNanos(), Duration.ofMinutes(1).toNanos());
        long first = Math.min(kpiInterval.toMillis(), 5_000);
        executor.scheduleWithFixedDelay(this::kpiReports, first, kpiInterval.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::driftChecks, first, Math.max(1, tickNanos / 1_000_000), TimeUnit.MILLISECONDS);
    }

    static LocalSchedules start(ArtifactStore store, LocalWorkflows workflows, LocalFunction kpiReport, Duration kpiInterval,
                                Consumer<String> log) {
        if (kpiInterval.isZero() || kpiInterval.isNegative()) {
            throw new IllegalArgumentException("the KPI interval must be positive, got " + kpiInterval);
        }
        return new LocalSchedules(store, workflows, kpiReport, kpiInterval, log);
    }

    /** {@value #KPI_INTERVAL_ENV} in minutes (a positive integer), else {@link #DEFAULT_KPI_INTERVAL}. */
    public static Duration kpiInterval(Map<String, String> env) {
        String value = env.getOrDefault(KPI_INTERVAL_ENV, System.getProperty("mlops.kpi.interval"));
        if (value == null || value.isBlank()) {
            return DEFAULT_KPI_INTERVAL;
        }
        try {
            long minutes = Long.parseLong(value.strip());
            if (minutes > 0) {
                return Duration.ofMinutes(minutes);
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new dev.mlops.MlopsException(KPI_INTERVAL_ENV + " must be a positive number of minutes, got '" + value + "'");
    }

    /** The period of a {@code rate(...)} expression; empty for anything else ({@code cron(...)}). */
    public static Optional<Duration> rate(String schedule) {
        Matcher m = RATE.matcher(schedule.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        if (n <= 0) {
            return Optional.empty();
        }
        return Optional.of(switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /** Published models: the store's {@code models/{model}/model.json}. */
    Set<String> models() {
        Set<String> models = new TreeSet<>();
        for (String key : store.list("models/")) {
            String[] parts = key.split("/");
            if (parts.length == 3 && parts[2].equals("model.json")) {
                models.add(parts[1]);
            }
        }
        return models;
    }

    private void kpiReports() {
        try {
            for (String model : models()) {
                try {
                    JsonNode result = kpiReport.invoke(JSON.createObjectNode().put("model", model));
                    log.accept("kpi-report " + model + ": " + result.path("reportKey").asText());
                } catch (RuntimeException e) {
                    log.accept("kpi-report " + model + " failed: " + e);
                }
            }
        } catch (RuntimeException e) {
            log.accept("kpi-report schedule failed: " + e);
        }
    }

    private void driftChecks() {
        try {
            long now = System.nanoTime();
            for (String model : models()) {
                try {
                    String schedule = store.get("models/" + model + "/model.json")
                            .map(o -> tree(o.bytes()).path("drift").path("schedule").asText("rate(1 day)"))
                            .orElse("rate(1 day)");
                    Optional<Duration> period = rate(schedule);
                    if (period.isEmpty()) {
                        if (warned.add(model + "|" + schedule)) {
                            log.accept("drift-check " + model + ": drift.schedule '" + schedule
                                    + "' is not scheduled locally (only rate(...)); start drift-check by hand");
                        }
                        continue;
                    }
                    // the first check one period after the model is seen, as a new EventBridge rate schedule would
                    Long due = nextDrift.computeIfAbsent(model, m -> now + period.get().toNanos());
                    if (now - due >= 0) {
                        nextDrift.put(model, now + period.get().toNanos());
                        String name = "drift-check-" + model + "-scheduled-" + System.currentTimeMillis() + "-"
                                + SEQUENCE.incrementAndGet();
                        workflows.start("drift-check", name, JSON.createObjectNode().put("model", model));
                        log.accept("drift-check " + model + " started (" + schedule + "): " + name);
                    }
                } catch (RuntimeException e) {
                    log.accept("drift-check " + model + " failed to start: " + e);
                }
            }
        } catch (RuntimeException e) {
            log.accept("drift-check schedule failed: " + e);
        }
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Stops the schedules; a run in progress finishes on its thread. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
