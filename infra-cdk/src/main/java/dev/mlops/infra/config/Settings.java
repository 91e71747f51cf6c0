package dev.mlops.infra.config;

import dev.mlops.infra.InfraException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The stack's context parameters ({@code cdk synth -c name=value} or {@code cdk.json}), validated at once so that
 * one synth reports every bad value.
 *
 * @param inferenceMemoryMb  memory of the inference function ({@code inferenceMemoryMb}, default 2048, 512..10240)
 * @param jwtIssuer          the JWT issuer URL ({@code jwtIssuer}); empty: a Cognito user pool is created and used
 * @param jwtAudience        accepted audiences ({@code jwtAudience}, comma-separated; required with {@code jwtIssuer})
 * @param groupsClaim        the JWT claim holding the caller's groups ({@code groupsClaim}, default {@code cognito:groups})
 * @param gpuInstanceTypes   instance classes or types of the GPU compute environment ({@code gpuInstanceTypes},
 *                           default {@code g5,g4dn})
 * @param gpuMaxVcpus        the GPU compute environment's ceiling ({@code gpuMaxVcpus}, default 16)
 * @param privateSubnets     {@code privateSubnets=true}: Batch in private subnets behind one NAT gateway
 *                           (default false: public subnets, no inbound rules, no NAT)
 * @param trainerImageDigest digest of the Java trainer image in the stack's ECR repository ({@code trainerImageDigest});
 *                           empty: the template takes it as the CloudFormation parameter {@code TrainerImageDigest}
 * @param alarmEmail         an address subscribed to the alarm topic ({@code alarmEmail}); empty: none
 * @param apiRateLimit       steady-state requests per second of the HTTP API's default stage ({@code apiRateLimit}, default 100)
 * @param apiBurstLimit      burst of the default stage ({@code apiBurstLimit}, default 200)
 * @param auditRetentionDays Object Lock GOVERNANCE retention of each audit record ({@code auditRetentionDays},
 *                           default 365, 1..36500)
 */
public record Settings(int inferenceMemoryMb, Optional<String> jwtIssuer, List<String> jwtAudience, String groupsClaim,
                       List<String> gpuInstanceTypes, int gpuMaxVcpus, boolean privateSubnets,
                       Optional<String> trainerImageDigest, Optional<String> alarmEmail, int apiRateLimit,
                       int apiBurstLimit, int auditRetentionDays) {

    /** The pattern of an image digest. */
    public static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern INSTANCE = Pattern.compile("(g4dn|g5|g5g|g6|g6e|p3|p4d|p5)(\\.[0-9]*x?large|\\.metal)?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** Copies the lists. */
    public Settings {
        jwtAudience = List.copyOf(jwtAudience);
        gpuInstanceTypes = List.copyOf(gpuInstanceTypes);
    }

    /** Every parameter at its default. */
    public static Settings defaults() {
        return from(name -> null);
    }

    /**
     * Reads and validates the parameters; {@code context} answers a parameter's value or null when unset.
     *
     * @throws InfraException naming every bad parameter, its value and what it accepts
     */
    public static Settings from(Function<String, Object> context) {
        List<String> errors = new ArrayList<>();
        Reader in = new Reader(context, errors);
        int memory = in.integer("inferenceMemoryMb", 2048, 512, 10240);
        Optional<String> issuer = in.text("jwtIssuer");
        issuer.filter(i -> !i.startsWith("https://")).ifPresent(i ->
                errors.add("jwtIssuer: expected an https:// issuer URL, got '" + i + "'"));
        List<String> audience = in.list("jwtAudience", List.of());
        if (issuer.isPresent() && audience.isEmpty()) {
            errors.add("jwtAudience: required with jwtIssuer (the client ids or audiences the API accepts)");
        }
        if (issuer.isEmpty() && !audience.isEmpty()) {
            errors.add("jwtAudience: given without jwtIssuer; set both, or neither to create a Cognito user pool");
        }
        String groups = in.text("groupsClaim").orElse("cognito:groups");
        List<String> gpus = in.list("gpuInstanceTypes", List.of("g5", "g4dn"));
        for (String type : gpus) {
            if (!INSTANCE.matcher(type).matches()) {
                errors.add("gpuInstanceTypes: '" + type + "' is not a GPU instance class or type (g4dn, g5, g5.xlarge, g6, p3, ...)");
            }
        }
        if (gpus.isEmpty()) {
            errors.add("gpuInstanceTypes: expected at least one GPU instance class, got none");
        }
        int gpuMax = in.integer("gpuMaxVcpus", 16, 4, 4096);
        boolean isPrivate = in.bool("privateSubnets", false);
        Optional<String> digest = in.text("trainerImageDigest");
        digest.filter(d -> !DIGEST.matcher(d).matches()).ifPresent(d ->
                errors.add("trainerImageDigest: expected sha256:<64 hex digits> (jib prints it), got '" + d + "'"));
        Optional<String> email = in.text("alarmEmail");
        email.filter(e -> !EMAIL.matcher(e).matches()).ifPresent(e ->
                errors.add("alarmEmail: expected an e-mail address, got '" + e + "'"));
        int rate = in.integer("apiRateLimit", 100, 1, 10_000);
        int burst = in.integer("apiBurstLimit", 200, 1, 5_000);
        int auditDays = in.integer("auditRetentionDays", 365, 1, 36_500);
        if (!errors.isEmpty()) {
            throw new InfraException("invalid context parameters:\n  " + String.join("\n  ", errors));
        }
        return new Settings(memory, issuer, audience, groups, gpus, gpuMax, isPrivate, digest, email, rate, burst, auditDays);
    }

    /** Whether the stack creates its own Cognito user pool (no issuer given). */
    public boolean hasOwnUserPool() {
        return jwtIssuer.isEmpty();
    }

    private record Reader(Function<String, Object> context, List<String> errors) {

        Optional<String> text(String name) {
            Object value = context.apply(name);
            if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
                // cdk.json numbers arrive through jsii as doubles
                return Optional.of(Long.toString(number.longValue()));
            }
            if (value instanceof List<?> items) {
                return Optional.of(String.join(",", items.stream().map(String::valueOf).toList()));
            }
            if (value == null || value.toString().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(value.toString().trim());
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int number = Integer.parseInt(value.get());
                if (number < min || number > max) {
                    errors.add(name + ": expected an integer in " + min + ".." + max + ", got " + number);
                }
                return number;
            } catch (NumberFormatException e) {
                errors.add(name + ": expected an integer in " + min + ".." + max + ", got '" + value.get() + "'");
                return fallback;
            }
        }

        boolean bool(String name, boolean fallback) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return fallback;
            }
            if (!value.get().equals("true") && !value.get().equals("false")) {
                errors.add(name + ": expected true or false, got '" + value.get() + "'");
                return fallback;
            }
            return Boolean.parseBoolean(value.get());
        }

        List<String> list(String name, List<String> fallback) {
            Optional<String> value = text(name);
            return value.map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                    .orElse(fallback);
        }
    }
}
