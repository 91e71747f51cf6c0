package dev.mlops.infra.training;

import dev.mlops.infra.config.ModelSpec;
import dev.mlops.infra.config.Settings;
import dev.mlops.infra.storage.ArtifactStorage;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.services.batch.EcsEc2ContainerDefinition;
import software.amazon.awscdk.services.batch.EcsFargateContainerDefinition;
import software.amazon.awscdk.services.batch.EcsJobDefinition;
import software.amazon.awscdk.services.batch.EcsMachineImage;
import software.amazon.awscdk.services.batch.EcsMachineImageType;
import software.amazon.awscdk.services.batch.FargateComputeEnvironment;
import software.amazon.awscdk.services.batch.IEcsContainerDefinition;
import software.amazon.awscdk.services.batch.JobQueue;
import software.amazon.awscdk.services.batch.ManagedEc2EcsComputeEnvironment;
import software.amazon.awscdk.services.batch.OrderedComputeEnvironment;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AWS Batch for training jobs.
 *
 * <p>Two queues: CPU on Fargate (the Java trainer: no instances to manage, billed per second), GPU on a managed EC2
 * compute environment (g5/g4dn by default, ECS_AL2023_NVIDIA AMI, minimum 0 vCPUs so it costs nothing idle) for
 * bring-your-own images. One job definition per model, named prefix + model, because SubmitJob cannot override the
 * image; a bring-your-own image gets the same arguments as the Java trainer. Each job runs with a role of its own,
 * limited to its model's prefixes: reads {@code datasets/{model}/}, writes {@code models/{model}/} (package and
 * config), {@code registry/{model}/claims/} (version claims) and {@code training-runs/{model}/} (the run marker).
 *
 * <p>Network: by default public subnets with no inbound rules and no NAT gateway (a NAT costs about $33 a month
 * idle), plus an S3 gateway endpoint so data stays on the AWS network; {@code privateSubnets=true} puts the jobs in
 * private subnets behind one NAT gateway.
 */
public final class Training extends Construct {

    private final Vpc vpc;
    private final JobQueue cpuQueue;
    private final JobQueue gpuQueue;
    private final Map<String, EcsJobDefinition> jobDefinitions = new LinkedHashMap<>();
    private final List<Role> jobRoles = new ArrayList<>();
    private final Role execution;

    /**
     * Network, queues, one job definition and one job role per model.
     *
     * @param jobDefinitionPrefix job definitions are named this plus the model name (the training-pipeline's
     *                            {@code ${TrainingJobDefinitionPrefix}})
     */
    public Training(Construct scope, String id, Settings settings, List<ModelSpec> models, ArtifactStorage storage,
                    String trainerRepositoryName, String jobDefinitionPrefix) {
        super(scope, id);
        boolean isPrivate = settings.privateSubnets();
        List<SubnetConfiguration> subnets = new ArrayList<>();
        subnets.add(SubnetConfiguration.builder().name("Public").subnetType(SubnetType.PUBLIC).cidrMask(24).build());
        if (isPrivate) {
            subnets.add(SubnetConfiguration.builder().name("Private").subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                    .cidrMask(22).build());
        }
        vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(isPrivate ? 1 : 0)
                .subnetConfiguration(subnets)
                .gatewayEndpoints(Map.of("S3", GatewayVpcEndpointOptions.builder()
                        .service(GatewayVpcEndpointAwsService.S3).build()))
                .build();
        SubnetSelection placement = SubnetSelection.builder()
                .subnetType(isPrivate ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PUBLIC).build();
        SecurityGroup jobs = SecurityGroup.Builder.create(this, "JobsSecurityGroup")
                .vpc(vpc).description("Training jobs: no inbound, outbound for S3, ECR and CloudWatch Logs")
                .allowAllOutbound(true).build();

        FargateComputeEnvironment cpu = FargateComputeEnvironment.Builder.create(this, "CpuCompute")
                .vpc(vpc).vpcSubnets(placement).securityGroups(List.of(jobs)).maxvCpus(16).build();
        cpuQueue = JobQueue.Builder.create(this, "CpuQueue")
                .computeEnvironments(List.of(OrderedComputeEnvironment.builder().computeEnvironment(cpu).order(1).build()))
                .build();

        ManagedEc2EcsComputeEnvironment.Builder gpu = ManagedEc2EcsComputeEnvironment.Builder.create(this, "GpuCompute")
                .vpc(vpc).vpcSubnets(placement).securityGroups(List.of(jobs))
                .minvCpus(0).maxvCpus(settings.gpuMaxVcpus())
                .useOptimalInstanceClasses(false)
                .images(List.of(EcsMachineImage.builder().imageType(EcsMachineImageType.ECS_AL2023_NVIDIA).build()));
        List<InstanceClass> classes = new ArrayList<>();
        List<InstanceType> types = new ArrayList<>();
        for (String type : settings.gpuInstanceTypes()) {
            if (type.contains(".")) {
                types.add(new InstanceType(type));
            } else {
                classes.add(InstanceClass.valueOf(type.toUpperCase(Locale.ROOT)));
            }
        }
        if (!classes.isEmpty()) {
            gpu.instanceClasses(classes);
        }
        if (!types.isEmpty()) {
            gpu.instanceTypes(types);
        }
        gpuQueue = JobQueue.Builder.create(this, "GpuQueue")
                .computeEnvironments(List.of(OrderedComputeEnvironment.builder().computeEnvironment(gpu.build()).order(1).build()))
                .build();

        IRepository trainerRepository = Repository.fromRepositoryName(this, "TrainerRepository", trainerRepositoryName);
        String digest = settings.trainerImageDigest().orElseGet(() -> CfnParameter.Builder.create(this, "TrainerImageDigest")
                .type("String")
                .allowedPattern(Settings.DIGEST.pattern())
                .constraintDescription("sha256:<64 hex digits>, as printed by mvn jib:build")
                .description("Digest of the Java trainer image in the " + trainerRepositoryName + " repository")
                .build().getValueAsString());
        // repository@digest: fromEcrRepository would take a deploy-time digest for a tag
        ContainerImage trainerImage = ContainerImage.fromRegistry(trainerRepository.repositoryUriForDigest(digest));

        LogGroup jobLogs = LogGroup.Builder.create(this, "JobLogs")
                .retention(RetentionDays.THREE_MONTHS).removalPolicy(RemovalPolicy.DESTROY).build();
        execution = Role.Builder.create(this, "ExecutionRole")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .description("Pulls training images and writes job logs")
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonECSTaskExecutionRolePolicy")))
                .build();
        trainerRepository.grantPull(execution);

        for (ModelSpec model : models) {
            Role jobRole = Role.Builder.create(this, "JobRole-" + model.name())
                    .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                    .description("Training job of " + model.name() + ": reads its dataset, writes its model packages")
                    .build();
            jobRoles.add(jobRole);
            // the dataset and config in; the package, its version claim and the run marker out
            String claims = "registry/" + model.name() + "/claims/";
            String runs = "training-runs/" + model.name() + "/";
            storage.grantReadUnder(jobRole, List.of("datasets/" + model.name() + "/", "models/" + model.name() + "/",
                    claims, runs));
            storage.grantWriteUnder(jobRole, "models/" + model.name() + "/");
            storage.grantWriteUnder(jobRole, claims);
            storage.grantWriteUnder(jobRole, runs);
            // the training-pipeline's SubmitJob Parameters (docs/workflow-contracts.md) fill the Ref:: slots
            List<String> command = List.of("--dataset", "Ref::dataset", "--output", storage.getStoreUri(),
                    "--model-config", storage.getStoreUri() + "/models/" + model.name() + "/model.json",
                    "--seed", "Ref::seed", "--initiator", "Ref::initiator", "--run-id", "Ref::runId");
            ContainerImage image = model.trainerImage().<ContainerImage>map(ContainerImage::fromRegistry).orElse(trainerImage);
            Map<String, String> environment = Map.of("MLOPS_STORE", storage.getStoreUri(), "MLOPS_MODEL", model.name());
            LogDriver logging = LogDriver.awsLogs(AwsLogDriverProps.builder()
                    .logGroup(jobLogs).streamPrefix(model.name()).build());
            IEcsContainerDefinition container;
            if (model.isGpu()) {
                container = EcsEc2ContainerDefinition.Builder.create(this, "Container-" + model.name())
                        .image(image).cpu(model.vcpus()).memory(Size.mebibytes(model.memoryMib()))
                        .gpu(model.gpus()).jobRole(jobRole).executionRole(execution)
                        .command(command).environment(environment).logging(logging).build();
            } else {
                container = EcsFargateContainerDefinition.Builder.create(this, "Container-" + model.name())
                        .image(image).cpu(model.vcpus()).memory(Size.mebibytes(model.memoryMib()))
                        .assignPublicIp(!isPrivate).jobRole(jobRole).executionRole(execution)
                        .command(command).environment(environment).logging(logging).build();
            }
            jobDefinitions.put(model.name(), EcsJobDefinition.Builder.create(this, "Job-" + model.name())
                    .jobDefinitionName(jobDefinitionPrefix + model.name())
                    .container(container)
                    .retryAttempts(2)
                    .timeout(Duration.hours(model.isGpu() ? 12 : 4))
                    .propagateTags(true)
                    .build());
        }
    }

    /** The queue a model's training job goes to. */
    public JobQueue queueFor(ModelSpec model) {
        return model.isGpu() ? gpuQueue : cpuQueue;
    }

    /** The VPC of the training jobs. */
    public Vpc getVpc() {
        return vpc;
    }

    /** The CPU (Fargate) queue. */
    public JobQueue getCpuQueue() {
        return cpuQueue;
    }

    /** The GPU (managed EC2) queue. */
    public JobQueue getGpuQueue() {
        return gpuQueue;
    }

    /** The job roles, one per model. */
    public List<Role> getJobRoles() {
        return List.copyOf(jobRoles);
    }

    /** The execution role of the jobs (image pull, logs). */
    public Role getExecutionRole() {
        return execution;
    }

    /** Job definitions by model name. */
    public Map<String, EcsJobDefinition> getJobDefinitions() {
        return Map.copyOf(jobDefinitions);
    }
}
