package dev.mlops.infra.pipeline;

import dev.mlops.infra.InfraException;
import dev.mlops.infra.serving.Serving;
import dev.mlops.infra.storage.ArtifactStorage;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pipeline: one function per task handler of the pipeline jar, and one state machine per
 * {@code workflows/*.asl.json}, inlined with {@code DefinitionBody.fromString} (the template is self-contained)
 * and substituted from {@code workflows/placeholders.json}. Each state machine gets a role with what its own Task
 * states need ({@link TaskPermissions}), plus what CDK adds for logging and X-Ray.
 */
public final class Pipeline extends Construct {

    /** The alias state machines invoke, so invocations reach a SnapStart version. */
    public static final String ALIAS = "live";

    /**
     * Inputs of the pipeline.
     *
     * @param workflowsDir   the folder of the ASL files and placeholders.json
     * @param pipelineJar    the pipeline handlers' jar
     * @param storage        the artifact store
     * @param topic          the notification topic (approvals, drift, alarms)
     * @param resources      placeholder values the rest of the stack provides (queues, job definitions, ...), by name
     * @param auditRetentionDays the GOVERNANCE retention of the audit records the handlers write
     */
    public record Inputs(Path workflowsDir, Path pipelineJar, ArtifactStorage storage, ITopic topic,
                         Map<String, Resource> resources, int auditRetentionDays) {
        /** Copies the map. */
        public Inputs {
            resources = Map.copyOf(resources);
        }
    }

    /** The kinds of placeholder of docs/workflow-contracts.md. */
    public enum Kind {
        /** A Lambda function (alias) ARN. */
        LAMBDA("lambda"),
        /** A Batch job queue ARN. */
        BATCH_QUEUE("batch-queue"),
        /** The name prefix of the per-model job definitions. */
        BATCH_JOB_DEFINITION_PREFIX("batch-job-definition-prefix"),
        /** An SNS topic ARN. */
        SNS_TOPIC("sns-topic"),
        /** A state machine ARN. */
        STATE_MACHINE("state-machine"),
        /** The artifact bucket's name. */
        BUCKET("bucket");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The kind as placeholders.json writes it. */
        public String label() {
            return label;
        }
    }

    /**
     * A placeholder's value and the ARNs IAM grants on it.
     *
     * @param kind  what it is
     * @param value what the placeholder is replaced with
     * @param arns  the resources a Task targeting it is granted on
     */
    public record Resource(Kind kind, String value, List<String> arns) {
        /** Copies the list. */
        public Resource {
            arns = List.copyOf(arns);
        }
    }

    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Map<String, Alias> aliases = new LinkedHashMap<>();
    private final Map<String, StateMachine> stateMachines = new LinkedHashMap<>();
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private final Map<String, String> stateMachineNames = new LinkedHashMap<>();

    /** Functions, substitutions, roles and state machines. */
    public Pipeline(Construct scope, String id, Inputs inputs) {
        super(scope, id);
        Stack stack = Stack.of(this);
        List<AslWorkflow> workflows = AslWorkflow.loadAll(inputs.workflowsDir());
        Map<String, String> declared = Placeholders.load(inputs.workflowsDir().resolve("placeholders.json"));

        for (String handler : HandlerClasses.inJar(inputs.pipelineJar())) {
            LogGroup logs = LogGroup.Builder.create(this, handler + "FunctionLogs")
                    .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
            boolean isLong = handler.equals("DriftCheck") || handler.equals("ScoreBatch") || handler.equals("AnalyzeCanary")
                    || handler.equals("PlanBatch");
            Function function = Function.Builder.create(this, handler + "Function")
                    .description("Pipeline task " + handler)
                    .runtime(Runtime.JAVA_21)
                    .architecture(Architecture.X86_64)
                    .handler(HandlerClasses.PACKAGE + handler + "Handler")
                    .code(Code.fromAsset(inputs.pipelineJar().toString()))
                    .memorySize(isLong ? 2048 : 1024)
                    .timeout(Duration.minutes(isLong ? 15 : 2))
                    .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                    .tracing(Tracing.ACTIVE)
                    .logGroup(logs)
                    .environment(new TreeMap<>(Map.of(
                            "MLOPS_HOME", Serving.LAMBDA_HOME,
                            "MLOPS_STORE", inputs.storage().getStoreUri(),
                            "MLOPS_NOTIFICATION_TOPIC", inputs.topic().getTopicArn())))
                    .build();
            inputs.storage().grantReadWrite(function);
            inputs.storage().grantAuditWrite(function, inputs.auditRetentionDays());
            Serving.acknowledgeSnapStart(function);
            functions.put(handler, function);
            aliases.put(handler, Alias.Builder.create(this, handler + "Alias")
                    .aliasName(ALIAS).version(function.getCurrentVersion()).build());
        }
        // handlers that notify (approval requests, drift findings) publish themselves
        for (String notifier : List.of("RequestApproval", "DriftCheck")) {
            if (functions.containsKey(notifier)) {
                inputs.topic().grantPublish(functions.get(notifier));
            }
        }

        Map<String, Resource> resources = new TreeMap<>(inputs.resources());
        aliases.forEach((handler, alias) -> resources.put(handler + "Function", new Resource(Kind.LAMBDA,
                alias.getFunctionArn(), List.of(alias.getFunctionArn()))));
        for (AslWorkflow workflow : workflows) {
            // named, so its ARN is known before it exists: roles (its own, for distributed Map) refer to it without a cycle
            String name = stack.getStackName() + "-" + workflow.name();
            stateMachineNames.put(workflow.name(), name);
            String arn = stateMachineArn(name);
            resources.put(workflow.pascalName() + "Arn", new Resource(Kind.STATE_MACHINE, arn, List.of(arn)));
        }
        check(workflows, declared, resources, inputs.workflowsDir());

        for (AslWorkflow workflow : workflows) {
            String name = stateMachineNames.get(workflow.name());
            Role role = Role.Builder.create(this, workflow.pascalName() + "StateMachineRole")
                    .assumedBy(new ServicePrincipal("states.amazonaws.com"))
                    .description("State machine " + workflow.name() + ": what its Task states call, nothing more")
                    .build();
            Map<String, Set<String>> actionsByResource = new TreeMap<>();
            for (TaskPermissions.Grant grant : TaskPermissions.derive(workflow)) {
                for (String arn : resolve(grant.target(), name, resources, inputs)) {
                    actionsByResource.computeIfAbsent(arn, k -> new TreeSet<>()).add(grant.action());
                }
            }
            // one statement per distinct action set, listing its resources
            Map<Set<String>, List<String>> statements = new LinkedHashMap<>();
            actionsByResource.forEach((arn, actions) -> statements.computeIfAbsent(actions, k -> new ArrayList<>()).add(arn));
            statements.forEach((actions, arns) -> role.addToPolicy(PolicyStatement.Builder.create()
                    .actions(List.copyOf(actions)).resources(arns).build()));
            LogGroup logs = LogGroup.Builder.create(this, workflow.pascalName() + "StateMachineLogs")
                    .logGroupName("/aws/vendedlogs/states/" + name)
                    .retention(RetentionDays.THREE_MONTHS).removalPolicy(RemovalPolicy.DESTROY).build();
            Map<String, String> substitutions = new TreeMap<>();
            for (String placeholder : workflow.placeholders()) {
                substitutions.put(placeholder, resources.get(placeholder).value());
            }
            StateMachine machine = StateMachine.Builder.create(this, workflow.pascalName() + "StateMachine")
                    .stateMachineName(name)
                    .stateMachineType(StateMachineType.STANDARD)
                    .definitionBody(DefinitionBody.fromString(workflow.text()))
                    .definitionSubstitutions(substitutions)
                    .role(role)
                    .tracingEnabled(true)
                    .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
                    .build();
            stateMachines.put(workflow.name(), machine);
            roles.put(workflow.name(), role);
        }
    }

    private static void check(List<AslWorkflow> workflows, Map<String, String> declared, Map<String, Resource> resources,
                              Path dir) {
        List<String> errors = new ArrayList<>();
        declared.forEach((name, kind) -> {
            Resource resource = resources.get(name);
            if (resource == null) {
                errors.add("placeholder ${" + name + "} of placeholders.json has no resource in the stack");
            } else if (!kind.isEmpty() && !kind.equals(resource.kind().label())) {
                errors.add("placeholder ${" + name + "} is declared as kind '" + kind + "', the stack provides a "
                        + resource.kind().label());
            }
        });
        for (AslWorkflow workflow : workflows) {
            for (String name : workflow.placeholders()) {
                if (!declared.containsKey(name)) {
                    errors.add(workflow.file().getFileName() + " uses ${" + name + "}, which placeholders.json does not list");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InfraException("state machines in " + dir + " cannot be substituted:\n  " + String.join("\n  ", errors)
                    + "\nplaceholders the stack provides: " + resources.keySet());
        }
    }

    private List<String> resolve(String target, String ownName, Map<String, Resource> resources, Inputs inputs) {
        Stack stack = Stack.of(this);
        if (target.startsWith("${")) {
            return resources.get(target.substring(2, target.length() - 1)).arns();
        }
        if (target.startsWith("@executions:${")) {
            String placeholder = target.substring("@executions:${".length(), target.length() - 1);
            String machine = stateMachineNames.entrySet().stream()
                    .filter(e -> placeholder.equals(AslWorkflow.pascal(e.getKey()) + "Arn"))
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new InfraException("${" + placeholder + "} is started with .sync but is not a state machine of the stack"));
            return List.of(executionArn(machine + ":*"));
        }
        return switch (target) {
            case TaskPermissions.SELF -> List.of(stateMachineArn(ownName));
            case TaskPermissions.SELF_EXECUTIONS -> List.of(executionArn(ownName + "/*"), executionArn(ownName + ":*"));
            case TaskPermissions.BATCH_RULE, TaskPermissions.STATES_RULE -> List.of(stack.formatArn(ArnComponents.builder()
                    .service("events").resource("rule").resourceName(target.substring("@rule:".length())).build()));
            case TaskPermissions.BUCKET -> List.of(inputs.storage().getBucket().getBucketArn());
            case TaskPermissions.BUCKET_OBJECTS -> List.of(inputs.storage().getBucket().arnForObjects("*"));
            case TaskPermissions.BUCKET_KEY -> List.of(inputs.storage().getKey().getKeyArn());
            case TaskPermissions.ANY -> List.of("*");
            case TaskPermissions.ALL_FUNCTIONS -> aliases.values().stream().map(Alias::getFunctionArn).toList();
            case TaskPermissions.ALL_STATE_MACHINES -> stateMachineNames.values().stream().map(this::stateMachineArn).toList();
            case TaskPermissions.ALL_EXECUTIONS -> stateMachineNames.values().stream().map(n -> executionArn(n + ":*")).toList();
            default -> kind(target, resources);
        };
    }

    /** The ARNs of every resource of a kind ({@code @all:job-queues}: each batch-queue). */
    private static List<String> kind(String target, Map<String, Resource> resources) {
        Kind kind = switch (target) {
            case TaskPermissions.ALL_JOB_QUEUES -> Kind.BATCH_QUEUE;
            case TaskPermissions.ALL_JOB_DEFINITIONS -> Kind.BATCH_JOB_DEFINITION_PREFIX;
            case TaskPermissions.ALL_TOPICS -> Kind.SNS_TOPIC;
            default -> throw new InfraException("no resources for permission target " + target);
        };
        return resources.values().stream().filter(r -> r.kind() == kind)
                .flatMap(r -> r.arns().stream()).distinct().toList();
    }

    private String stateMachineArn(String name) {
        return Stack.of(this).formatArn(ArnComponents.builder().service("states").resource("stateMachine")
                .resourceName(name).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    private String executionArn(String nameAndId) {
        return Stack.of(this).formatArn(ArnComponents.builder().service("states").resource("execution")
                .resourceName(nameAndId).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
    }

    /** The aliases the state machines invoke, by handler name. */
    public Map<String, Alias> getAliases() {
        return Map.copyOf(aliases);
    }

    /** Pipeline functions by handler name ({@code Register}). */
    public Map<String, Function> getFunctions() {
        return Map.copyOf(functions);
    }

    /** State machines by workflow file name ({@code training-pipeline}). */
    public Map<String, StateMachine> getStateMachines() {
        return Map.copyOf(stateMachines);
    }

    /** The state machine of {@code workflow}, or an error naming the files there are. */
    public StateMachine stateMachine(String workflow) {
        StateMachine machine = stateMachines.get(workflow);
        if (machine == null) {
            throw new InfraException("no workflows/" + workflow + ".asl.json; state machines: " + stateMachines.keySet());
        }
        return machine;
    }

    /** The ARN of {@code workflow}'s state machine, known without a reference to it. */
    public String stateMachineArnOf(String workflow) {
        stateMachine(workflow);
        return stateMachineArn(stateMachineNames.get(workflow));
    }

    /** Every state machine's ARN, and executions of each. */
    public List<String> executionArns() {
        return stateMachineNames.values().stream().map(n -> executionArn(n + ":*")).toList();
    }

    /** Role of each state machine by workflow file name. */
    public Map<String, Role> getRoles() {
        return Map.copyOf(roles);
    }
}
