package dev.mlops.infra.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.infra.InfraException;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * The IAM actions a state machine's own Task states need, read from its definition: the integration of each Task
 * ({@code lambda:invoke}, {@code batch:submitJob.sync}, ...), its target (a {@code ${Name}} placeholder, or any
 * resource of that kind when the target is computed at run time), what the {@code .sync} pattern needs to watch the
 * job or execution, and what a DISTRIBUTED Map needs to start its child executions and read and write S3.
 *
 * <p>Targets are symbolic here ({@link Grant#target()}); the pipeline construct maps them to ARNs. Plain Java, so
 * the derivation is tested without a synth.
 */
public final class TaskPermissions {

    /** Target: the state machine itself (distributed Map child executions). */
    public static final String SELF = "@self";
    /** Target: executions of the state machine itself. */
    public static final String SELF_EXECUTIONS = "@self-executions";
    /** Target: the managed rule Step Functions uses to watch Batch jobs. */
    public static final String BATCH_RULE = "@rule:StepFunctionsGetEventsForBatchJobsRule";
    /** Target: the managed rule Step Functions uses to watch child executions. */
    public static final String STATES_RULE = "@rule:StepFunctionsGetEventsForStepFunctionsExecutionRule";
    /** Target: the artifact bucket itself. */
    public static final String BUCKET = "@bucket";
    /** Target: objects of the artifact bucket. */
    public static final String BUCKET_OBJECTS = "@bucket-objects";
    /** Target: the artifact bucket's KMS key. */
    public static final String BUCKET_KEY = "@bucket-key";
    /** Target: any resource ({@code *}): Batch job ids only exist at run time. */
    public static final String ANY = "*";
    /** Targets computed at run time: every resource of that kind in the stack. */
    public static final String ALL_FUNCTIONS = "@all:functions";
    /** Every job queue of the stack. */
    public static final String ALL_JOB_QUEUES = "@all:job-queues";
    /** Every job definition of the stack. */
    public static final String ALL_JOB_DEFINITIONS = "@all:job-definitions";
    /** Every topic of the stack. */
    public static final String ALL_TOPICS = "@all:topics";
    /** Every state machine of the stack. */
    public static final String ALL_STATE_MACHINES = "@all:state-machines";
    /** Executions of every state machine of the stack. */
    public static final String ALL_EXECUTIONS = "@all:executions";

    private static final String SERVICE = "arn:aws:states:::";
    private static final Set<String> EVENTS_RULE_ACTIONS = Set.of("events:PutTargets", "events:PutRule", "events:DescribeRule");

    /**
     * One action on one target.
     *
     * @param action IAM action, {@code service:Action}
     * @param target a {@code ${Name}} placeholder or one of this class's symbolic targets
     */
    public record Grant(String action, String target) implements Comparable<Grant> {
        @Override
        public int compareTo(Grant other) {
            int byTarget = target.compareTo(other.target);
            return byTarget != 0 ? byTarget : action.compareTo(other.action);
        }
    }

    private TaskPermissions() {
    }

    /** The grants of {@code workflow}'s Task states and distributed Maps, nested ones included. */
    public static Set<Grant> derive(AslWorkflow workflow) {
        Set<Grant> grants = new TreeSet<>();
        states(workflow.definition().path("States"), workflow, grants);
        return grants;
    }

    /** The distinct actions of {@code grants}. */
    public static Set<String> actions(Set<Grant> grants) {
        Set<String> actions = new TreeSet<>();
        grants.forEach(g -> actions.add(g.action()));
        return actions;
    }

    private static void states(JsonNode states, AslWorkflow workflow, Set<Grant> grants) {
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode state = entry.getValue();
            switch (state.path("Type").asText()) {
                case "Task" -> task(entry.getKey(), state, workflow, grants);
                case "Parallel" -> state.path("Branches").forEach(b -> states(b.path("States"), workflow, grants));
                case "Map" -> map(state, workflow, grants);
                // Pass, Wait, Choice, Succeed, Fail call nothing
                case "Pass", "Wait", "Choice", "Succeed", "Fail" -> { }
                default -> throw new InfraException(workflow.file() + ": state " + entry.getKey() + " has unknown Type '"
                        + state.path("Type").asText() + "'");
            }
        }
    }

    private static void map(JsonNode state, AslWorkflow workflow, Set<Grant> grants) {
        JsonNode processor = state.has("ItemProcessor") ? state.get("ItemProcessor") : state.path("Iterator");
        if ("DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText())) {
            grants.add(new Grant("states:StartExecution", SELF));
            grants.add(new Grant("states:DescribeExecution", SELF_EXECUTIONS));
            grants.add(new Grant("states:StopExecution", SELF_EXECUTIONS));
            String reader = state.path("ItemReader").path("Resource").asText("");
            if (reader.startsWith(SERVICE + "s3:getObject")) {
                grants.add(new Grant("s3:GetObject", BUCKET_OBJECTS));
                grants.add(new Grant("kms:Decrypt", BUCKET_KEY));
            } else if (reader.startsWith(SERVICE + "s3:listObjectsV2")) {
                grants.add(new Grant("s3:ListBucket", BUCKET));
                grants.add(new Grant("s3:GetObject", BUCKET_OBJECTS));
                grants.add(new Grant("kms:Decrypt", BUCKET_KEY));
            } else if (!reader.isEmpty()) {
                throw new InfraException(workflow.file() + ": unsupported ItemReader resource " + reader);
            }
            if (state.has("ResultWriter")) {
                for (String action : new String[] {"s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts",
                        "s3:AbortMultipartUpload"}) {
                    grants.add(new Grant(action, BUCKET_OBJECTS));
                }
                grants.add(new Grant("kms:Decrypt", BUCKET_KEY));
                grants.add(new Grant("kms:GenerateDataKey", BUCKET_KEY));
            }
        }
        states(processor.path("States"), workflow, grants);
    }

    private static void task(String name, JsonNode state, AslWorkflow workflow, Set<Grant> grants) {
        String resource = state.path("Resource").asText("");
        JsonNode arguments = state.has("Arguments") ? state.get("Arguments") : state.path("Parameters");
        Matcher direct = AslWorkflow.PLACEHOLDER.matcher(resource);
        if (direct.matches() || resource.startsWith("arn:aws:lambda:")) {
            grants.add(new Grant("lambda:InvokeFunction", direct.matches() ? "${" + direct.group(1) + "}" : ALL_FUNCTIONS));
            return;
        }
        if (!resource.startsWith(SERVICE)) {
            throw new InfraException(workflow.file() + ": state " + name + " has Task resource '" + resource
                    + "', expected a service integration (" + SERVICE + "...) or a ${...FunctionArn} placeholder");
        }
        String integration = resource.substring(SERVICE.length());
        String api = integration.replaceFirst("\\.(sync(:2)?|waitForTaskToken)$", "");
        boolean isSync = integration.contains(".sync");
        switch (api) {
            case "lambda:invoke" -> grants.add(new Grant("lambda:InvokeFunction",
                    target(arguments, "FunctionName", ALL_FUNCTIONS)));
            case "batch:submitJob" -> {
                grants.add(new Grant("batch:SubmitJob", target(arguments, "JobQueue", ALL_JOB_QUEUES)));
                grants.add(new Grant("batch:SubmitJob", target(arguments, "JobDefinition", ALL_JOB_DEFINITIONS)));
                if (isSync) {
                    grants.add(new Grant("batch:DescribeJobs", ANY));
                    grants.add(new Grant("batch:TerminateJob", ANY));
                    EVENTS_RULE_ACTIONS.forEach(a -> grants.add(new Grant(a, BATCH_RULE)));
                }
            }
            case "states:startExecution" -> {
                String machine = target(arguments, "StateMachineArn", ALL_STATE_MACHINES);
                grants.add(new Grant("states:StartExecution", machine));
                if (isSync) {
                    String executions = machine.startsWith("${") ? "@executions:" + machine : ALL_EXECUTIONS;
                    grants.add(new Grant("states:DescribeExecution", executions));
                    grants.add(new Grant("states:StopExecution", executions));
                    EVENTS_RULE_ACTIONS.forEach(a -> grants.add(new Grant(a, STATES_RULE)));
                }
            }
            case "sns:publish" -> grants.add(new Grant("sns:Publish", target(arguments, "TopicArn", ALL_TOPICS)));
            default -> throw new InfraException(workflow.file() + ": state " + name + " uses integration '" + integration
                    + "', which the stack cannot grant yet (supported: lambda:invoke[.waitForTaskToken],"
                    + " batch:submitJob[.sync], states:startExecution[.sync[:2]], sns:publish)");
        }
    }

    /**
     * {@code ${Name}} when the field names a placeholder, literally or inside an expression built from it
     * ({@code JobDefinition.$: States.Format('${TrainingJobDefinitionPrefix}{}', $.model)}, or JSONata); otherwise
     * {@code dynamic}, every resource of that kind.
     */
    private static String target(JsonNode arguments, String field, String dynamic) {
        for (String key : new String[] {field, field + ".$"}) {
            JsonNode value = arguments.get(key);
            if (value != null && value.isTextual()) {
                Matcher matcher = AslWorkflow.PLACEHOLDER.matcher(value.asText());
                if (matcher.find()) {
                    return "${" + matcher.group(1) + "}";
                }
            }
        }
        return dynamic;
    }
}
