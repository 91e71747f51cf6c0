package dev.mlops.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.trainer.data.Applicant;
import dev.mlops.trainer.data.CreditRiskGenerator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Simulated clients: a thread that sends predictions for applicants of the current population through the
 * inference API and, for each, the true outcome as feedback (ground truth arriving later, in a real system),
 * paced to about {@link #requestsPerSecond} requests. Counts predictions per version as the API reports them.
 */
final class Traffic implements AutoCloseable {

    private final ApiClient api;
    private final String token;
    private final String model;
    private final int instancesPerRequest;
    private final int requestsPerSecond;
    private final AtomicReference<CreditRiskGenerator> population = new AtomicReference<>();
    private final Map<String, AtomicLong> byVersion = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<String> lastRefusal = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    Traffic(ApiClient api, String token, String model, int instancesPerRequest, int requestsPerSecond) {
        this.api = api;
        this.token = token;
        this.model = model;
        this.instancesPerRequest = instancesPerRequest;
        this.requestsPerSecond = requestsPerSecond;
        this.thread = new Thread(this::loop, "demo-traffic");
        this.thread.setDaemon(true);
    }

    /** Starts sending applicants of {@code generator}; later calls switch the population. */
    void send(CreditRiskGenerator generator) {
        population.set(generator);
        if (!thread.isAlive()) {
            thread.start();
        }
    }

    /** Predictions served per version so far. */
    Map<String, Long> served() {
        Map<String, Long> copy = new LinkedHashMap<>();
        byVersion.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> copy.put(e.getKey(), e.getValue().get()));
        return copy;
    }

    long served(String version) {
        AtomicLong count = byVersion.get(version);
        return count == null ? 0 : count.get();
    }

    long refused() {
        return refused.get();
    }

    String lastRefusal() {
        return lastRefusal.get();
    }

    /**
     * Sends {@code requests} requests of {@code instances} applicants each on the calling thread (a burst of captured
     * traffic for the drift check), with feedback.
     */
    void burst(CreditRiskGenerator generator, int requests, int instances) {
        for (int i = 0; i < requests; i++) {
            exchange(generator.next(instances));
        }
    }

    private void loop() {
        long pause = 1_000_000_000L / requestsPerSecond;
        while (running) {
            long started = System.nanoTime();
            CreditRiskGenerator generator = population.get();
            List<Applicant> applicants;
            synchronized (generator) {
                applicants = generator.next(instancesPerRequest);
            }
            try {
                exchange(applicants);
            } catch (DemoFailure e) {
                refused.incrementAndGet();
                lastRefusal.set(e.getMessage());
            }
            long left = pause - (System.nanoTime() - started);
            if (left > 0) {
                try {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void exchange(List<Applicant> applicants) {
        List<Map<String, Object>> instances = new ArrayList<>();
        applicants.forEach(a -> instances.add(a.features()));
        ApiClient.Reply reply = api.send("POST", "/v1/models/" + model + "/predict", token, Map.of("instances", instances));
        if (reply.status() != 200) {
            refused.incrementAndGet();
            lastRefusal.set(reply.status() + " " + reply.body().path("title").asText() + ": " + reply.body().path("detail").asText());
            return;
        }
        String version = reply.body().path("version").asText();
        byVersion.computeIfAbsent(version, v -> new AtomicLong()).addAndGet(applicants.size());
        List<Map<String, Object>> outcomes = new ArrayList<>();
        JsonNode predictions = reply.body().path("predictions");
        for (int i = 0; i < predictions.size(); i++) {
            outcomes.add(Map.of("predictionId", predictions.get(i).path("predictionId").asText(),
                    "outcome", applicants.get(i).defaulted() ? "1" : "0"));
        }
        api.expect(202, "POST", "/v1/feedback", token, Map.of("model", model, "outcomes", outcomes));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
